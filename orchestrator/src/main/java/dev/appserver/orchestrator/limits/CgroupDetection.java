package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides at start-up how workers are confined: cgroup v2 when this process's v2 group offers
 * the memory, cpu and pids controllers, otherwise cgroup v1 when each of them has a hierarchy,
 * otherwise none. "Usable" is proven, not guessed: the parent group for workers is created
 * (and on v2 given its controllers) and a probe group is made and removed in it, so a missing
 * permission shows here and not when the first worker starts.
 */
public final class CgroupDetection {
    static final List<String> CONTROLLERS = List.of("memory", "cpu", "pids");
    /** Tells apart the {@link Cgroups} opened by one process (several pools, tests). */
    private static final AtomicInteger OPENED = new AtomicInteger();

    private CgroupDetection() {
    }

    /** What detection found. */
    public sealed interface Result {
    }

    /** Workers can be confined with {@code cgroups}, which the caller owns (and closes). */
    public record Found(Cgroups cgroups) implements Result {
        public Found {
            requireNonNull(cgroups, "cgroups is null");
        }
    }

    /** Workers cannot be confined here, and {@code reason} says why. */
    public record Missing(String reason) implements Result {
        public Missing {
            requireNonNull(reason, "reason is null");
        }
    }

    /** Detects from this process's {@code /proc/self/mountinfo} and {@code /proc/self/cgroup}. */
    public static Result detect() {
        String mountinfo;
        String groups;
        try {
            mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
            groups = Files.readString(Path.of("/proc/self/cgroup"));
        } catch (IOException e) {
            return new Missing("cannot read /proc/self/mountinfo or /proc/self/cgroup: " + CgroupFiles.reason(e));
        }
        String prefix = ProcessHandle.current().pid() + "-" + OPENED.incrementAndGet() + "-";
        return detect(mountinfo, groups, prefix);
    }

    /**
     * Detects from the given texts of {@code /proc/self/mountinfo} and {@code /proc/self/cgroup};
     * every group the result makes is named starting with {@code prefix}.
     */
    static Result detect(String mountinfo, String processCgroups, String prefix) {
        List<CgroupMount> mounts = CgroupMount.parse(mountinfo);
        ProcessCgroups own = ProcessCgroups.parse(processCgroups);
        if (mounts.isEmpty()) {
            return new Missing("no cgroup file system is mounted");
        }
        List<String> findings = new ArrayList<>();
        Optional<Path> unified = unifiedGroup(mounts, own);
        if (unified.isPresent()) {
            List<String> absent = absentControllers(unified.get());
            if (absent.isEmpty()) {
                try {
                    return new Found(CgroupV2.open(unified.get(), prefix));
                } catch (IOException e) {
                    return new Missing("cgroup v2 group " + unified.get() + " cannot be used: " + CgroupFiles.reason(e));
                }
            }
            findings.add("cgroup v2 group " + unified.get() + " lacks the " + String.join(", ", absent) + " controller"
                    + (absent.size() > 1 ? "s" : ""));
        }
        Map<String, Path> v1 = new LinkedHashMap<>();
        for (String controller : CONTROLLERS) {
            v1Group(mounts, own, controller).ifPresent(group -> v1.put(controller, group));
        }
        if (v1.size() == CONTROLLERS.size()) {
            try {
                return new Found(CgroupV1.open(v1.get("memory"), v1.get("cpu"), v1.get("pids"), prefix));
            } catch (IOException e) {
                return new Missing("cgroup v1 cannot be used: " + CgroupFiles.reason(e));
            }
        }
        if (!v1.isEmpty() || unified.isEmpty()) {
            List<String> absent = new ArrayList<>(CONTROLLERS);
            absent.removeAll(v1.keySet());
            findings.add("cgroup v1 has no hierarchy for " + String.join(", ", absent));
        }
        return new Missing(String.join("; ", findings));
    }

    private static Optional<Path> unifiedGroup(List<CgroupMount> mounts, ProcessCgroups own) {
        if (own.unified().isEmpty()) {
            return Optional.empty();
        }
        return mounts.stream().filter(CgroupMount::unified)
                .flatMap(m -> m.directoryOf(own.unified().get()).stream())
                .findFirst();
    }

    private static Optional<Path> v1Group(List<CgroupMount> mounts, ProcessCgroups own, String controller) {
        Optional<String> path = own.of(controller);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        return mounts.stream().filter(m -> m.carries(controller))
                .flatMap(m -> m.directoryOf(path.get()).stream())
                .findFirst();
    }

    private static List<String> absentControllers(Path group) {
        Set<String> offered;
        try {
            offered = Set.of(CgroupFiles.read(group, "cgroup.controllers").strip().split("\\s+"));
        } catch (IOException e) {
            return CONTROLLERS;
        }
        return CONTROLLERS.stream().filter(c -> !offered.contains(c)).toList();
    }
}
