package dev.appserver.orchestrator.limits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lays out temporary directories like cgroup file systems. On a real one the kernel makes a
 * group's interface files when the group is made; here the test makes them, before the code
 * under test writes to them.
 */
final class FakeCgroupFiles {
    static final String[] V2_GROUP = {"cgroup.controllers", "cgroup.subtree_control", "cgroup.procs"};
    static final String[] V2_WORKER = {"cgroup.procs", "memory.max", "memory.swap.max", "memory.oom.group", "cpu.max",
        "pids.max"};
    static final String[] V1_MEMORY = {"cgroup.procs", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes"};
    static final String[] V1_CPU = {"cgroup.procs", "cpu.cfs_period_us", "cpu.cfs_quota_us"};
    static final String[] V1_PIDS = {"cgroup.procs", "pids.max"};

    private FakeCgroupFiles() {
    }

    /** Makes {@code group} with empty {@code files}. */
    static Path group(Path group, String... files) {
        try {
            Files.createDirectories(group);
            for (String file : files) {
                Files.writeString(group.resolve(file), "");
            }
            return group;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A v2 group offering {@code controllers} (e.g. {@code "cpu io memory pids"}). */
    static Path v2Group(Path group, String controllers) {
        group(group, V2_GROUP);
        write(group.resolve("cgroup.controllers"), controllers + "\n");
        return group;
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the kernel does when a group is removed: its interface files go with it. */
    static void dropFiles(Path group) {
        try (var files = Files.list(group)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
