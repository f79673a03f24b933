package dev.appserver.orchestrator.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Single-node services shared by every integration test in the JVM: started once, on free ports
 * with data in a temporary directory, on first use; stopped and deleted when the JVM exits. Tests
 * that share them use names of their own (topics, tables, keys) and leave the services running.
 */
public final class SharedServices {
    private static SingleNodeServices services;

    private SharedServices() {
    }

    public static synchronized ServiceEndpoints endpoints() {
        if (services == null) {
            services = start();
        }
        return services.endpoints();
    }

    private static SingleNodeServices start() {
        try {
            Path data = Files.createTempDirectory("appserver-it-services-");
            SingleNodeServices started = SingleNodeServices.start(SingleNodeSettings.anyFreePorts(data));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                deleteRecursively(data);
            }, "shared-services-stop"));
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ServiceStartException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Temporary data; the next run uses a new directory.
        }
    }
}
