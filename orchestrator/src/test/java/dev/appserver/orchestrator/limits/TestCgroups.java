package dev.appserver.orchestrator.limits;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Cgroups for integration tests that start real processes: what the server would use on this host. */
public final class TestCgroups {
    private TestCgroups() {
    }

    /** The host's cgroups as the server detects them, or none (said on standard error) where there are none. */
    public static Cgroups detected() {
        return UnconfinedWorkers.warnIfMissing(CgroupDetection.detect(), warning -> System.err.println("TestCgroups: " + warning));
    }

    /**
     * The host's cgroups; the calling test is skipped, with the reason, where the host has none
     * this process may use (not root, no delegation, read-only cgroup file system).
     */
    public static Cgroups required() {
        CgroupDetection.Result result = CgroupDetection.detect();
        String reason = switch (result) {
            case CgroupDetection.Found found -> "";
            case CgroupDetection.Missing missing -> missing.reason();
        };
        assumeTrue(result instanceof CgroupDetection.Found,
                () -> "SKIPPED: needs cgroups this process can write (run as root on a host with cgroup v1 or v2): " + reason);
        return ((CgroupDetection.Found) result).cgroups();
    }

    /**
     * The directories of the groups process {@code pid} is in, as this host mounts them: by
     * controller ({@code memory}, {@code cpu}, {@code pids}) on cgroup v1, or under {@code ""} on v2.
     */
    public static Map<String, Path> directoriesOf(long pid) throws IOException {
        List<CgroupMount> mounts = CgroupMount.parse(Files.readString(Path.of("/proc/self/mountinfo")));
        ProcessCgroups groups = ProcessCgroups.parse(Files.readString(Path.of("/proc/" + pid + "/cgroup")));
        Map<String, Path> directories = new LinkedHashMap<>();
        for (String controller : CgroupDetection.CONTROLLERS) {
            groups.of(controller).flatMap(path -> mounts.stream().filter(m -> m.carries(controller))
                    .flatMap(m -> m.directoryOf(path).stream()).findFirst())
                    .ifPresent(directory -> directories.put(controller, directory));
        }
        groups.unified().flatMap(path -> mounts.stream().filter(CgroupMount::unified)
                .flatMap(m -> m.directoryOf(path).stream()).findFirst())
                .ifPresent(directory -> directories.put("", directory));
        return directories;
    }
}
