package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

/**
 * {@link Cgroups} for hosts without usable control groups: every worker is unconfined (only its
 * JVM heap limit holds). Says nothing itself: whoever chose it has said why, once
 * ({@link UnconfinedWorkers}).
 */
public final class NoCgroups implements Cgroups {
    private final String reason;

    /** @param reason why workers are unconfined, for {@link #description()} */
    public NoCgroups(String reason) {
        this.reason = requireNonNull(reason, "reason is null");
    }

    @Override
    public WorkerCgroup create(String name, CgroupLimits limits) {
        return WorkerCgroup.NONE;
    }

    @Override
    public String description() {
        return "no cgroups (" + reason + ")";
    }

    @Override
    public void close() {
    }
}
