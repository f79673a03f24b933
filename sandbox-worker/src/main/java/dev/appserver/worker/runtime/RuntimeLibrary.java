package dev.appserver.worker.runtime;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/** Placeholder until the runtime library lands on this branch (replaced at merge). */
final class RuntimeLibrary {
    private RuntimeLibrary() {}

    static Value install(Context context) {
        return context.eval("js", "delete globalThis.print; delete globalThis.load; delete globalThis.Graal; delete globalThis.console; ({})");
    }
}
