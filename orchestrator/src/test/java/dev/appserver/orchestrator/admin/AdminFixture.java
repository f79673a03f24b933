package dev.appserver.orchestrator.admin;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.store.InMemoryAppConfigRepository;
import dev.appserver.orchestrator.store.InMemoryAppLogRepository;
import dev.appserver.orchestrator.store.InMemoryAppRepository;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An admin server on a free loopback port over in-memory repositories, with hooks that record
 * what they are told. One TypeScript compiler is shared by every fixture (starting one takes seconds),
 * which is why the CLI's tests use this fixture too.
 */
public final class AdminFixture implements AutoCloseable {
    private static TypeScriptTranspiler transpiler;

    final InMemoryAppRepository apps = new InMemoryAppRepository(Clock.systemUTC());
    public final InMemoryAppConfigRepository configs = new InMemoryAppConfigRepository(Clock.systemUTC());
    public final InMemoryAppLogRepository logs = new InMemoryAppLogRepository(100);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AppMetrics appMetrics = new AppMetrics(registry, Clock.systemUTC());
    final List<String> notReady = new CopyOnWriteArrayList<>();
    final List<ConfigChange> changes = new CopyOnWriteArrayList<>();
    final List<String> trustChanges = new CopyOnWriteArrayList<>();
    final List<String> jobsRun = new ArrayList<>();
    public final AdminServer server;
    final HttpJson http;

    AdminFixture(AdminSettings settings) {
        server = AdminServer.builder(settings)
                .appLoader(new AppLoader(transpiler()))
                .repositories(apps, configs, logs)
                .readiness(() -> List.copyOf(notReady))
                .metrics(registry)
                .appMetrics(appMetrics)
                .configChangeListener(changes::add)
                .appTrustListener((appId, verified) -> trustChanges.add(appId + ":" + verified))
                .jobTrigger((config, name, payload) -> {
                    if (name.equals("explode")) {
                        throw new IllegalStateException("secret detail of a failing job queue");
                    }
                    synchronized (jobsRun) {
                        jobsRun.add(config.id() + ":" + name + ":" + payload);
                    }
                })
                .build()
                .start();
        http = new HttpJson(server.uri());
    }

    public AdminFixture() {
        this(AdminSettings.loopback(0));
    }

    private static synchronized TypeScriptTranspiler transpiler() {
        if (transpiler == null) {
            try {
                transpiler = new TypeScriptTranspiler(Files.createTempDirectory("admin-test-transpile"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return transpiler;
    }

    /** The greeter test app as zip bytes. */
    public static byte[] greeterZip() {
        return TestApps.greeter();
    }

    /** Installs a minimal app ("Plain", id 1) and configures it for team 2 (app config 1). */
    void installPlainConfig() {
        if (http.postBytes("/api/apps", TestApps.minimal("Plain")).status() != 201
                || http.post("/api/teams/2/configs", "{\"app_id\": 1}").status() != 201) {
            throw new AssertionError("could not install and configure the plain app");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
