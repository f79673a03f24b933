package dev.appserver.orchestrator.apps;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ModuleCompiler} that counts its calls, over one real TypeScript compiler shared by
 * every test in the JVM (loading it takes seconds). Closing it leaves the shared compiler open.
 */
final class CountingCompiler implements ModuleCompiler {
    private static final GraalTypeScriptCompiler SHARED = new GraalTypeScriptCompiler();

    private final AtomicInteger calls = new AtomicInteger();

    @Override
    public String identity() {
        return SHARED.identity();
    }

    @Override
    public Output compile(String fileName, String source) {
        calls.incrementAndGet();
        return SHARED.compile(fileName, source);
    }

    int calls() {
        return calls.get();
    }

    @Override
    public void close() {}
}
