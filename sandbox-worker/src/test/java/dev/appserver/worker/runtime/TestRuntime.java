package dev.appserver.worker.runtime;

import java.time.Duration;
import java.util.List;

/**
 * The JVM-wide engine and watchdog that worker tests share (as a worker shares one engine among
 * its instances), and a way to load an app into a real sandboxed instance.
 */
final class TestRuntime {
    static final JsEngine ENGINE = new JsEngine();
    static final Watchdog WATCHDOG = new Watchdog(Duration.ofMillis(10));

    private TestRuntime() {}

    static AppInstance load(long id, String displayName, String code, String configJson, Duration timeout,
            HostCallSender host, LogSink sink) throws AppFailure {
        InstanceSpec spec = new InstanceSpec(id, displayName, "index.js", code, "", configJson, List.of(), timeout);
        return AppInstance.load(spec, ENGINE, WATCHDOG, host, sink);
    }
}
