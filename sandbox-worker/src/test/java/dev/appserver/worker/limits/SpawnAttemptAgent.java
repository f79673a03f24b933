package dev.appserver.worker.limits;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Java agent {@link SeccompIT} attaches to a running worker: it stands for code that escaped
 * GraalJS and runs as Java inside the worker's own JVM, tries to start {@code /bin/true} and to
 * open an AF_INET socket, and writes what happened to the file named by its argument.
 */
public final class SpawnAttemptAgent {
    private SpawnAttemptAgent() {}

    public static void agentmain(String resultFile) throws IOException {
        String spawn;
        try {
            new ProcessBuilder("/bin/true").start().waitFor();
            spawn = "spawn allowed";
        } catch (IOException e) {
            spawn = "spawn refused " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spawn = "spawn interrupted";
        }
        String inet;
        try {
            SocketChannel.open(StandardProtocolFamily.INET).close();
            inet = "inet allowed";
        } catch (IOException e) {
            inet = "inet refused " + e.getMessage();
        }
        Files.writeString(Path.of(resultFile), spawn.lines().findFirst().orElse(spawn) + "\n" + inet + "\n");
    }
}
