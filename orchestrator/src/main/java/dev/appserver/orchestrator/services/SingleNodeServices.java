package dev.appserver.orchestrator.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single-node mode's services, started together: Kafka, PostgreSQL and Redis on 127.0.0.1 with
 * their data under one directory. They start in parallel (the broker in this JVM, the others as
 * processes, so they overlap well even on two cores), each logging one line with where it listens
 * and how long it took; they stop in reverse order. If any fails to start, the others are stopped
 * again and the failure names the service and, for a taken port, the flag that changes it.
 *
 * <p>Thread safety: {@link #close()} may be called from any thread (e.g. a shutdown hook), once or
 * more.
 */
public final class SingleNodeServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleNodeServices.class);

    private final List<EmbeddedService> services;
    private final ServiceEndpoints endpoints;

    private SingleNodeServices(List<EmbeddedService> services, ServiceEndpoints endpoints) {
        this.services = services;
        this.endpoints = endpoints;
    }

    public static SingleNodeServices start(SingleNodeSettings settings) throws ServiceStartException {
        Path data = settings.dataDirectory().toAbsolutePath();
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new ServiceStartException("cannot create the data directory " + data + " (" + e
                    + "); choose another with " + SingleNodeSettings.DATA_DIR_FLAG, e);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(data.resolve("kafka"), settings.kafkaPort());
        EmbeddedPostgres postgres = new EmbeddedPostgres(data.resolve("postgres"), settings.postgresPort());
        EmbeddedRedis redis = new EmbeddedRedis(data.resolve("redis"), settings.redisPort());
        List<Startup> startups = List.of(
                new Startup(kafka, settings.kafkaPort(), SingleNodeSettings.KAFKA_PORT_FLAG),
                new Startup(postgres, settings.postgresPort(), SingleNodeSettings.POSTGRES_PORT_FLAG),
                new Startup(redis, settings.redisPort(), SingleNodeSettings.REDIS_PORT_FLAG));
        checkPorts(startups);
        startAll(startups);
        ServiceEndpoints endpoints = new ServiceEndpoints(kafka.bootstrapServers(), postgres.jdbcUrl(),
                EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD, redis.url());
        return new SingleNodeServices(List.of(kafka, postgres, redis), endpoints);
    }

    public ServiceEndpoints endpoints() {
        return endpoints;
    }

    /** Stops the services, the last started first. */
    @Override
    public void close() {
        closeAll(services);
    }

    private record Startup(EmbeddedService service, int port, String portFlag) {
        ServiceStartException portTaken(PortInUseException e) {
            return new ServiceStartException(e.getMessage() + "; choose another port with " + portFlag, e);
        }
    }

    /** Fails before anything starts when a chosen port is taken (each service checks again). */
    private static void checkPorts(List<Startup> startups) throws ServiceStartException {
        for (Startup startup : startups) {
            if (startup.port() != 0) {
                try {
                    LoopbackPorts.claim(startup.service().name(), startup.port());
                } catch (PortInUseException e) {
                    throw startup.portTaken(e);
                }
            }
        }
    }

    private static void startAll(List<Startup> startups) throws ServiceStartException {
        List<Future<?>> results = new ArrayList<>();
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("start-", 0).factory())) {
            for (Startup startup : startups) {
                results.add(executor.submit(() -> start(startup)));
            }
        }
        ServiceStartException failure = null;
        for (int i = 0; i < startups.size(); i++) {
            ServiceStartException problem = problem(results.get(i), startups.get(i));
            if (problem != null && failure == null) {
                failure = problem;
            } else if (problem != null) {
                failure.addSuppressed(problem);
            }
        }
        if (failure != null) {
            closeAll(startups.stream().map(Startup::service).toList());
            throw failure;
        }
    }

    private static Void start(Startup startup) throws ServiceStartException {
        long began = System.nanoTime();
        startup.service().start();
        LOG.info("{} listening on {}, ready in {}", startup.service().name(), startup.service().listensOn(),
                seconds(System.nanoTime() - began));
        return null;
    }

    private static ServiceStartException problem(Future<?> result, Startup startup) {
        try {
            result.get();
            return null;
        } catch (ExecutionException e) {
            return switch (e.getCause()) {
                case PortInUseException taken -> startup.portTaken(taken);
                case ServiceStartException failed -> failed;
                case Throwable other -> new ServiceStartException(
                        startup.service().name() + " failed to start: " + other, other);
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ServiceStartException("interrupted while starting " + startup.service().name(), e);
        }
    }

    private static void closeAll(List<EmbeddedService> services) {
        for (EmbeddedService service : services.reversed()) {
            long began = System.nanoTime();
            try {
                service.close();
                LOG.debug("{} stopped in {}", service.name(), seconds(System.nanoTime() - began));
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly", service.name(), e);
            }
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
