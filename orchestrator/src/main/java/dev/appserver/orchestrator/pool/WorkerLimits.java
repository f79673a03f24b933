package dev.appserver.orchestrator.pool;

/**
 * Limits of one worker process.
 *
 * @param heapMegabytes the worker JVM's heap ({@code -Xmx}); apps that need more crash the worker
 * @param stackKilobytes thread stack size; bounds recursion depth in app code
 * @param allowInterpreter start even when GraalJS would fall back to its interpreter (slow)
 */
public record WorkerLimits(int heapMegabytes, int stackKilobytes, boolean allowInterpreter) {
    public static final WorkerLimits DEFAULT = new WorkerLimits(512, 2048, false);

    public WorkerLimits {
        if (heapMegabytes < 64) {
            throw new IllegalArgumentException("heapMegabytes must be at least 64: " + heapMegabytes);
        }
        if (stackKilobytes < 256) {
            throw new IllegalArgumentException("stackKilobytes must be at least 256: " + stackKilobytes);
        }
    }
}
