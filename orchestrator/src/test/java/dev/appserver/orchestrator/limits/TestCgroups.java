package dev.appserver.orchestrator.limits;

/** Cgroups for integration tests that start real workers: what the server would use on this host. */
public final class TestCgroups {
    private TestCgroups() {
    }

    /** The host's cgroups as the server detects them, or none (said on standard error) where there are none. */
    public static Cgroups detected() {
        return UnconfinedWorkers.warnIfMissing(CgroupDetection.detect(), warning -> System.err.println("TestCgroups: " + warning));
    }
}
