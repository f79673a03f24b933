package dev.appserver.orchestrator.server;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to stop, so that the server stops in its own order
 * before the JVM's shutdown hooks run: the embedded PostgreSQL and Redis libraries register hooks
 * of their own that would otherwise stop those services while ingestion and the worker pool are
 * still finishing (hooks run concurrently, in no order). A second signal while stopping falls
 * back to the JVM's default (exit, with the hooks).
 */
public final class StopSignals {
    private final CountDownLatch requested = new CountDownLatch(1);

    private StopSignals() {}

    /** Installs the handlers; from now on SIGTERM and SIGINT only release {@link #await}. */
    public static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (signals.requested.getCount() == 0) {
                    System.exit(128 + signal.getNumber());
                }
                signals.requested.countDown();
            });
        }
        return signals;
    }

    /** Blocks until a stop is requested. */
    public void await() throws InterruptedException {
        requested.await();
    }
}
