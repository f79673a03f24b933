package dev.appserver.orchestrator.limits;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The control group of one worker process: one directory per hierarchy (one on cgroup v2; one
 * per controller on cgroup v1), none when workers run unconfined.
 *
 * <p>Lifecycle: made by {@link Cgroups#create} with its limits already written; the worker is
 * started with {@link #command}, which puts it into every directory before it runs any code;
 * {@link #remove} deletes the directories once it has exited. Thread-safe (immutable).
 */
public record WorkerCgroup(List<Path> directories) {
    /**
     * Joins every {@code cgroup.procs} given before {@code --}, then becomes the command after it.
     * The pid stays the same across {@code exec}, so the JVM starts inside the group: its start-up
     * counts against the memory limit too. Paths are arguments, never part of the script.
     */
    private static final String JOIN_AND_EXEC = """
            for procs do
              shift
              [ "$procs" = -- ] && exec "$@"
              echo $$ > "$procs" || exit 125
            done
            exit 125""";
    /** What {@code rmdir} may need after the last process left: the kernel frees a group asynchronously. */
    private static final int REMOVE_ATTEMPTS = 50;
    private static final long REMOVE_PAUSE_MILLIS = 20;

    public static final WorkerCgroup NONE = new WorkerCgroup(List.of());

    public WorkerCgroup {
        directories = List.copyOf(directories);
    }

    /** Whether the worker runs without limits. */
    public boolean unconfined() {
        return directories.isEmpty();
    }

    /**
     * {@code command} wrapped so that the process joins this group before it becomes
     * {@code command}; exit status 125 when it cannot join. Unchanged when unconfined.
     */
    public List<String> command(List<String> command) {
        if (unconfined()) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>();
        wrapped.add("/bin/sh");
        wrapped.add("-c");
        wrapped.add(JOIN_AND_EXEC);
        wrapped.add("appserver-cgroup-join");
        directories.forEach(d -> wrapped.add(d.resolve("cgroup.procs").toString()));
        wrapped.add("--");
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Sets the group's CPU quota to that of {@code limits}, in whichever interface file its
     * hierarchy has: {@code cpu.max} (v2) or {@code cpu.cfs_quota_us} (v1, with the period
     * {@link Cgroups#create} wrote). Does nothing when unconfined.
     *
     * @throws IOException when no directory of the group has a CPU quota file, or one cannot be written
     */
    public void limitCpu(CgroupLimits limits) throws IOException {
        if (unconfined()) {
            return;
        }
        boolean written = false;
        for (Path directory : directories) {
            if (Files.exists(directory.resolve("cpu.max"))) {
                CgroupV2.writeCpuQuota(directory, limits);
                written = true;
            } else if (Files.exists(directory.resolve("cpu.cfs_quota_us"))) {
                CgroupV1.writeCpuQuota(directory, limits);
                written = true;
            }
        }
        if (!written) {
            throw new IOException("no CPU quota file (cpu.max or cpu.cfs_quota_us) in " + directories);
        }
    }

    /**
     * Removes the group's directories ({@code rmdir}, which the kernel refuses while a process is
     * inside). Call once the worker has exited; removing twice is harmless.
     *
     * @throws IOException when a directory stays busy for about a second
     */
    public void remove() throws IOException {
        for (Path directory : directories) {
            removeDirectory(directory);
        }
    }

    private static void removeDirectory(Path directory) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (AccessDeniedException e) {
                throw e;
            } catch (FileSystemException e) {
                // EBUSY: the last task is still leaving the group.
                if (attempt == REMOVE_ATTEMPTS) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(REMOVE_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing a cgroup", e);
        }
    }
}
