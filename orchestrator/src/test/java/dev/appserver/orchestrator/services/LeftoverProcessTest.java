package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessTest {
    @TempDir
    Path directory;

    @Test
    void stopsTheProgramThePidFileNames() throws Exception {
        try (SleepingProcess leftover = new SleepingProcess()) {
            Path pidFile = Files.writeString(directory.resolve("server.pid"), leftover.pid() + "\n" + directory + "\n");

            LeftoverProcess.stopIfRunning(pidFile, "sleep", Duration.ofSeconds(5));

            assertThat(leftover.process().waitFor(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void leavesAnotherProgramAlone() throws Exception {
        try (SleepingProcess unrelated = new SleepingProcess()) {
            Path pidFile = Files.writeString(directory.resolve("server.pid"), Long.toString(unrelated.pid()));

            LeftoverProcess.stopIfRunning(pidFile, "postgres", Duration.ofSeconds(5));

            assertThat(unrelated.process().isAlive()).isTrue();
        }
    }

    @Test
    void aZombieCountsAsExited() throws Exception {
        // The background sleep exits at once; its parent then execs a program that never collects it.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 30").start();
        try {
            Thread.sleep(300);
            ProcessHandle zombie = parent.toHandle().children().findFirst().orElseThrow();

            assertThat(zombie.isAlive()).isTrue();
            assertThat(LeftoverProcess.awaitExit(zombie, Duration.ofSeconds(5))).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void toleratesMissingAndGarbledPidFiles() throws IOException {
        LeftoverProcess.stopIfRunning(directory.resolve("absent.pid"), "postgres", Duration.ofSeconds(5));

        assertThat(LeftoverProcess.readPid(Files.writeString(directory.resolve("garbled.pid"), "not a pid"))).isEmpty();
        assertThat(LeftoverProcess.readPid(Files.writeString(directory.resolve("empty.pid"), ""))).isEmpty();
    }
}
