package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
    @TempDir
    Path data;

    @Test
    void oneOwnerAtATime() throws ServiceStartException {
        Path directory = data.resolve("redis");
        try (DirectoryLock held = DirectoryLock.acquire("redis", directory)) {
            assertThatThrownBy(() -> DirectoryLock.acquire("redis", directory))
                    .isInstanceOf(ServiceStartException.class)
                    .hasMessage("redis: " + directory + " is in use by another appserver (pid "
                            + ProcessHandle.current().pid() + "); stop it, or choose another data directory");
        }
        try (DirectoryLock again = DirectoryLock.acquire("redis", directory)) {
            assertThat(data.resolve("redis.lock")).exists();
            assertThat(directory).isDirectory().isEmptyDirectory();
        }
    }
}
