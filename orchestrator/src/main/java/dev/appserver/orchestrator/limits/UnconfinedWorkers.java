package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * What to do when detection finds no usable cgroups, or a worker reports that it could not load
 * its seccomp filter: the policy of DESIGN.md's isolation layers,
 * where every layer is assumed to fail on its own, so a missing one is said out loud.
 */
public enum UnconfinedWorkers {
    /** Single-node mode and {@code run-app}: one warning, then workers run unconfined. */
    WARN,
    /** Cluster mode told {@code --allow-unconfined-workers}: one warning naming that choice. */
    ALLOWED,
    /** Cluster mode: refuse to start. */
    REFUSED;

    /** The flag that turns {@link #REFUSED} into {@link #ALLOWED}. */
    public static final String ALLOW_FLAG = "--allow-unconfined-workers";

    /** The policy of a server: cluster mode refuses unless allowed; single-node mode warns. */
    public static UnconfinedWorkers forServer(boolean cluster, boolean allowed) {
        if (!cluster) {
            return WARN;
        }
        return allowed ? ALLOWED : REFUSED;
    }

    /**
     * The {@link Cgroups} to start workers with: the detected ones, or, under this policy,
     * {@link NoCgroups} after one line to {@code warnings}.
     *
     * @throws RefusedException under {@link #REFUSED} when detection found none
     */
    public Cgroups apply(CgroupDetection.Result detected, Consumer<String> warnings) throws RefusedException {
        requireNonNull(warnings, "warnings is null");
        return switch (requireNonNull(detected, "detected is null")) {
            case CgroupDetection.Found found -> found.cgroups();
            case CgroupDetection.Missing missing -> unconfined(missing.reason(), warnings);
        };
    }

    /** {@link #WARN}'s {@link #apply}, which never refuses. */
    public static Cgroups warnIfMissing(CgroupDetection.Result detected, Consumer<String> warnings) {
        try {
            return WARN.apply(detected, warnings);
        } catch (RefusedException e) {
            throw new AssertionError("WARN never refuses", e);
        }
    }

    private Cgroups unconfined(String reason, Consumer<String> warnings) throws RefusedException {
        String what = "sandbox workers cannot get cgroup limits (memory, cpu, pids): " + reason;
        String fix = "run appserver as root, or in a cgroup whose memory, cpu and pids controllers are delegated to it"
                + " (see docs/security.md)";
        switch (this) {
            case WARN -> warnings.accept(what + ". Workers run UNCONFINED (only their heap limit holds); to confine them, "
                    + fix + ".");
            case ALLOWED -> warnings.accept(what + ". Workers run UNCONFINED, as " + ALLOW_FLAG + " allows.");
            case REFUSED -> throw new RefusedException(what + ". Cluster mode does not run untrusted code unconfined: "
                    + fix + ", or pass " + ALLOW_FLAG + " to run workers without limits.");
        }
        return new NoCgroups(reason);
    }

    /**
     * Applies this policy to a worker's seccomp status, its {@code Health} rpc's {@code seccomp}
     * field: {@code "on"}, or {@code "off(<reason>)"} when the worker could not load its filter.
     * Nothing happens when it is on; otherwise {@code warnings} gets one line (the caller decides
     * how often to say it).
     *
     * @throws RefusedException under {@link #REFUSED} when the filter is off
     */
    public void checkSeccomp(long workerPid, String status, Consumer<String> warnings) throws RefusedException {
        requireNonNull(status, "status is null");
        requireNonNull(warnings, "warnings is null");
        if (status.equals("on")) {
            return;
        }
        String what = "sandbox worker " + workerPid + " runs without its seccomp filter: " + status;
        String fix = "install libseccomp2 (libseccomp.so.2) on a Linux kernel with seccomp, and keep"
                + " seccomp/appserver-worker.json in the worker distribution (see docs/security.md)";
        switch (this) {
            case WARN -> warnings.accept(what + ". Workers run UNCONFINED by seccomp (they can start processes and"
                    + " open network sockets if app code escapes GraalJS); to confine them, " + fix + ".");
            case ALLOWED -> warnings.accept(what + ". Workers run UNCONFINED by seccomp, as " + ALLOW_FLAG + " allows.");
            case REFUSED -> throw new RefusedException(what + ". Cluster mode does not run untrusted code unconfined: "
                    + fix + ", or pass " + ALLOW_FLAG + " to run workers without it.");
        }
    }

    /** Cluster mode will not start workers without cgroups or seccomp; the message says what to do. */
    public static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }
}
