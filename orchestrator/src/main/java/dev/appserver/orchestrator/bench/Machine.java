package dev.appserver.orchestrator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The facts about this machine that a benchmark report states beside its numbers. */
public record Machine(int cores, String cpu, double memoryGib, String loadAverage, String javaVersion, String os) {
    public static Machine here() {
        String cpu = read("/proc/cpuinfo").flatMap(text -> text.lines().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip())).orElse("unknown CPU");
        double memory = read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal:")).findFirst()
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / (1024.0 * 1024))).orElse(Double.NaN);
        String load = read("/proc/loadavg").map(text -> String.join(" ", Arrays.asList(text.split(" ")).subList(0, 3)))
                .orElse("unknown");
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, memory, load,
                System.getProperty("java.vendor") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB, %s; load average %s at the start; %s", cores, cpu,
                memoryGib, os, loadAverage, javaVersion);
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
