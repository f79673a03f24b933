package dev.appserver.orchestrator.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a service process that an earlier orchestrator left running on a data directory: it died
 * before it could stop the service, and before its {@link OrphanGuard} could (or the guard is still
 * at it). The caller must hold the directory's {@link DirectoryLock}, which proves the owner dead.
 *
 * <p>The process is found through the pid file the service writes in its directory, and is only
 * touched when it is alive and runs the expected program, so a stale file naming a reused pid is
 * harmless.
 */
final class LeftoverProcess {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverProcess.class);

    private LeftoverProcess() {
    }

    /**
     * @param pidFile a file whose first line is the pid
     * @param program the start of the executable's file name, e.g. {@code postgres}
     * @param grace how long the process may take to stop after SIGTERM before it is killed
     */
    static void stopIfRunning(Path pidFile, String program, Duration grace) throws IOException {
        Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(LeftoverProcess::isRunning)
                .filter(handle -> runs(handle, program));
        if (process.isEmpty()) {
            return;
        }
        LOG.warn("Stopping {} (pid {}), left running on {} by an appserver that did not shut down",
                program, process.get().pid(), pidFile.getParent());
        terminate(process.get(), grace);
    }

    /** SIGTERM, and SIGKILL if the process is still there after {@code grace}. */
    static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        if (!awaitExit(process, grace)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(5));
        }
    }

    static Optional<Long> readPid(Path pidFile) throws IOException {
        try {
            String firstLine = Files.readString(pidFile, StandardCharsets.US_ASCII).lines().findFirst().orElse("").trim();
            return firstLine.matches("[1-9][0-9]{0,9}") ? Optional.of(Long.parseLong(firstLine)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private static boolean runs(ProcessHandle handle, String program) {
        return handle.info().command()
                .map(command -> Path.of(command).getFileName().toString().startsWith(program))
                .orElse(false);
    }

    /** @return whether the process exited within the timeout */
    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        // Polled: onExit() of a process that is not our child sleeps 300 ms and more between checks.
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return !isRunning(process);
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. A server that {@code pg_ctl} detached is re-parented to init when it
     * exits, and stays a zombie until init collects it, which some container inits do only every
     * second or two.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            // "pid (name) state ...": the name may hold spaces and parentheses; the state follows the last ')'.
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.US_ASCII);
            int nameEnd = stat.lastIndexOf(')');
            return nameEnd < 0 || nameEnd + 2 >= stat.length() || stat.charAt(nameEnd + 2) != 'Z';
        } catch (IOException e) {
            return process.isAlive();
        }
    }
}
