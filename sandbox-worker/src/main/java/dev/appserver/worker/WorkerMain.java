package dev.appserver.worker;

import dev.appserver.worker.limits.SeccompException;
import dev.appserver.worker.limits.SeccompFilter;
import dev.appserver.worker.limits.SeccompProfile;
import dev.appserver.worker.rpc.WorkerServer;
import dev.appserver.worker.runtime.JsEngine;
import dev.appserver.worker.runtime.Watchdog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox worker process: composition root and lifecycle.
 *
 * <pre>
 * worker-dist/runtime/bin/java [JVMCI flags] --enable-native-access=ALL-UNNAMED -cp worker-dist/lib/* dev.appserver.worker.WorkerMain
 *     --socket PATH [--seccomp PROFILE.json] [--allow-interpreter]
 * </pre>
 *
 * Starts the shared GraalJS engine, refuses to run on Truffle's fallback runtime (30x slower)
 * unless {@code --allow-interpreter} is given, binds the gRPC server to the Unix socket, loads the
 * seccomp profile given with {@code --seccomp} into itself (all threads), prints
 * {@code READY <pid> <js runtime>} on standard output, and serves until its standard input
 * reaches end-of-file (the orchestrator that started it has gone) or it is signalled.
 *
 * <p>Without {@code --seccomp}, or when the filter cannot be loaded, the worker says so on standard
 * error and runs unconfined; the Health rpc's {@code seccomp} field reports "on" or
 * "off(&lt;reason&gt;)" so the orchestrator can apply its policy for unconfined workers.
 *
 * <p>Exit codes: 0 after a normal stop, 2 for bad arguments, 3 when the optimizing runtime is
 * missing and not allowed, 1 for anything else.
 */
public final class WorkerMain {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
    /** How often the watchdog looks for invocations past their time limit. */
    static final Duration WATCHDOG_TICK = Duration.ofMillis(20);

    private WorkerMain() {}

    public static void main(String[] args) {
        Path socket = null;
        Path seccompProfile = null;
        boolean allowInterpreter = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--socket" -> socket = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--seccomp" -> seccompProfile = i + 1 < args.length ? Path.of(args[++i]) : null;
                case "--allow-interpreter" -> allowInterpreter = true;
                default -> {
                    System.err.println("appserver worker: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (socket == null) {
            System.err.println("appserver worker: --socket PATH is required");
            System.exit(2);
        }
        System.exit(run(socket, seccompProfile, allowInterpreter));
    }

    private static int run(Path socket, Path seccompProfile, boolean allowInterpreter) {
        JsEngine engine = new JsEngine();
        if (!engine.isOptimizing()) {
            if (!allowInterpreter) {
                System.err.println("appserver worker: GraalJS is running on the fallback (interpreter-only) runtime, "
                        + "which is ~30x slower. Start the worker with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI "
                        + "--module-path=worker-dist/compiler --add-modules=jdk.graal.compiler on worker-dist/runtime "
                        + "(or the compiler jars on --upgrade-module-path on another JDK 25), or pass --allow-interpreter "
                        + "to run anyway.");
                engine.close();
                return 3;
            }
            LOG.warn("running on the fallback (interpreter-only) GraalJS runtime because --allow-interpreter was given; "
                    + "apps will run ~30x slower");
        }
        Watchdog watchdog = new Watchdog(WATCHDOG_TICK);
        AtomicReference<String> seccomp = new AtomicReference<>("off(not loaded yet)");
        WorkerServer server = new WorkerServer(socket, engine, watchdog, seccomp::get);
        CountDownLatch stop = new CountDownLatch(1);
        try {
            server.start();
        } catch (IOException e) {
            System.err.println("appserver worker: cannot listen on " + socket + ": " + e.getMessage());
            return 1;
        }
        // After the socket is bound (the only socket the filter lets it create is AF_UNIX anyway)
        // and before READY, so the orchestrator never sends an app to an unfiltered worker.
        seccomp.set(confine(seccompProfile));
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "worker-shutdown"));
        Thread.ofPlatform().daemon().name("parent-watch").start(() -> {
            waitForEndOfInput(System.in);
            stop.countDown();
        });
        System.out.println("READY " + ProcessHandle.current().pid() + " " + engine.runtimeName());
        System.out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close();
        watchdog.close();
        engine.close();
        return 0;
    }

    /** Loads the seccomp filter; returns the Health status, "on" or "off(reason)". */
    static String confine(Path profile) {
        if (profile == null) {
            System.err.println("appserver worker: seccomp off: no --seccomp profile given; running unconfined");
            return "off(no --seccomp profile given)";
        }
        try {
            new SeccompFilter(SeccompProfile.read(profile)).install();
            return "on";
        } catch (IOException | SeccompException e) {
            String reason = profile + ": " + e.getMessage();
            System.err.println("appserver worker: seccomp off: " + reason + "; running unconfined");
            return "off(" + reason + ")";
        }
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The orchestrator writes nothing; end-of-file means it has gone.
            }
        } catch (IOException e) {
            // Same meaning: the pipe to the parent is broken.
        }
    }
}
