package dev.appserver.worker.limits;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A JVM of its own for {@link SeccompIT}: installs the worker's filter through the worker's code,
 * then tries what the filter must refuse and what it must allow, printing one line per attempt
 * ({@code <what> refused|allowed <detail>}). Exit 0 once every attempt has been made; 1 when the
 * filter itself could not be installed.
 */
final class SeccompProbe {
    private SeccompProbe() {}

    public static void main(String[] args) throws Exception {
        try {
            new SeccompFilter(SeccompProfile.read(Path.of(args[0]))).install();
        } catch (SeccompException e) {
            System.out.println("install failed " + e.getMessage());
            System.exit(1);
        }
        System.out.println("installed");
        attempt("exec", () -> new ProcessBuilder("/bin/true").start().waitFor());
        attempt("inet", () -> SocketChannel.open(StandardProtocolFamily.INET).close());
        attempt("inet6", () -> SocketChannel.open(StandardProtocolFamily.INET6).close());
        attempt("unix", () -> SocketChannel.open(StandardProtocolFamily.UNIX).close());
        attempt("thread", () -> {
            Thread thread = Thread.ofPlatform().start(() -> {});
            thread.join();
        });
        System.out.flush();
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void attempt(String what, Attempt attempt) {
        try {
            attempt.run();
            System.out.println(what + " allowed");
        } catch (IOException e) {
            System.out.println(what + " refused " + e.getMessage());
        } catch (Exception e) {
            System.out.println(what + " refused " + e);
        }
    }
}
