package dev.appserver.orchestrator.bench;

import dev.appserver.orchestrator.events.QuietKafkaLogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What the benches with a server of their own ({@code bench end-to-end}, {@code bench density})
 * share: their options (a picocli mixin) and how a run goes, from finding the launcher to writing
 * the report. Exit status 0 when the bench finished, 1 when it failed, 2 for an unusable option
 * or without a launcher.
 */
public final class ServerBench {
    @Option(names = "--server-arg", paramLabel = "ARG",
            description = "An argument for the bench's `appserver start`, e.g. --server-arg=--workers=3 (repeatable).")
    List<String> serverArguments = new ArrayList<>();

    @Option(names = "--keep", description = "Keep the servers' data and logs (they are deleted otherwise).")
    boolean keep;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--write-docs", paramLabel = "FILE",
            description = "Also write the report into FILE's generated section for this bench (docs/benchmarks.md).")
    Path docs;

    /** A finished bench's report. */
    public interface Report {
        String table();

        String json();

        /** Replaces the bench's generated section of {@code file}. */
        void writeInto(Path file) throws IOException;
    }

    /** The bench itself, given the launcher and a scratch directory. */
    @FunctionalInterface
    public interface Run {
        Report run(Path launcher, Path scratch) throws BenchFailedException, IOException, InterruptedException;
    }

    public List<String> serverArguments() {
        return List.copyOf(serverArguments);
    }

    /**
     * Runs {@code bench} with the launcher beside this build and a scratch directory, prints its
     * report to the command's standard output and, with {@code --write-docs}, into the file.
     *
     * @param name the bench's name in messages, e.g. {@code appserver bench density}
     * @param unusable why the command's own options are unusable, or null when they are usable
     * @return the exit status
     */
    public int run(String name, CommandSpec spec, String unusable, Run bench) throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (unusable != null) {
            err.println(name + ": " + unusable);
            return 2;
        }
        Path launcher = BenchServer.launcher();
        if (!Files.isExecutable(launcher)) {
            err.println(name + ": cannot find the appserver launcher at " + launcher);
            return 2;
        }
        try (QuietKafkaLogs quiet = QuietKafkaLogs.open(); BenchScratch scratch = BenchScratch.create(name, keep, err)) {
            Report report = bench.run(launcher, scratch.path());
            PrintWriter out = spec.commandLine().getOut();
            out.print(json ? report.json() : report.table());
            out.flush();
            if (docs != null) {
                report.writeInto(docs);
                err.println("wrote the report into " + docs);
            }
            return 0;
        } catch (BenchFailedException e) {
            err.println(name + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println(name + ": " + e);
            return 1;
        } finally {
            err.flush();
        }
    }
}
