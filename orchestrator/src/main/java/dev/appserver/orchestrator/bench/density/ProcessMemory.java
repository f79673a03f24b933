package dev.appserver.orchestrator.bench.density;

import dev.appserver.orchestrator.bench.BenchFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One JVM's memory as the density bench reads it from outside: its resident set from
 * {@code /proc/<pid>/status}, and its heap in use right after a full collection, which
 * {@code jcmd <pid> GC.run} asks for and {@code jstat -gc <pid>} then reports (the survivor, eden
 * and old spaces' "used" columns). Workers answer both: the attach mechanism needs only a Unix
 * socket and a thread, which their seccomp filter allows.
 *
 * @param rssBytes resident set size
 * @param heapBytes heap in use after a full GC: live objects
 */
record ProcessMemory(long pid, long rssBytes, long heapBytes) {
    private static final Path JDK_BIN = Path.of(System.getProperty("java.home"), "bin");
    private static final List<String> USED_COLUMNS = List.of("S0U", "S1U", "EU", "OU");

    static ProcessMemory of(long pid) throws BenchFailedException, InterruptedException {
        run(List.of(JDK_BIN.resolve("jcmd").toString(), Long.toString(pid), "GC.run"), pid);
        String jstat = run(List.of(JDK_BIN.resolve("jstat").toString(), "-gc", Long.toString(pid)), pid);
        return new ProcessMemory(pid, rss(pid), heapUsed(jstat));
    }

    /** The sum of the used columns of {@code jstat -gc}'s output (KiB), in bytes. */
    static long heapUsed(String jstat) throws BenchFailedException {
        List<String> lines = jstat.lines().filter(line -> !line.isBlank()).toList();
        if (lines.size() < 2) {
            throw new BenchFailedException("jstat -gc printed no values: " + jstat);
        }
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        String[] values = lines.get(1).trim().split("\\s+");
        double kib = 0;
        for (String column : USED_COLUMNS) {
            int index = names.indexOf(column);
            if (index < 0 || index >= values.length) {
                throw new BenchFailedException("jstat -gc printed no " + column + " column: " + jstat);
            }
            kib += Double.parseDouble(values[index]);
        }
        return Math.round(kib * 1024);
    }

    private static long rss(long pid) throws BenchFailedException {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new BenchFailedException("cannot read the memory of process " + pid + ": " + e.getMessage());
        }
        throw new BenchFailedException("process " + pid + " has no VmRSS line in /proc/" + pid + "/status");
    }

    private static String run(List<String> command, long pid) throws BenchFailedException, InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new BenchFailedException(String.join(" ", command) + " failed: " + output.strip());
            }
            return output;
        } catch (IOException e) {
            throw new BenchFailedException("cannot read the heap of process " + pid + " with " + command.getFirst() + ": "
                    + e.getMessage());
        }
    }
}
