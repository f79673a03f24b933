package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.testing.CommandRun;
import java.util.ArrayList;
import java.util.List;

/** Asserts that a bench command refuses its options as a usage error: exit status 2, one line, nothing printed. */
public final class BenchUsageErrors {
    private final List<String> command;
    private final String name;

    /**
     * @param command the arguments before the options under test, e.g. {@code bench density}
     * @param name how the command names itself in its error lines, e.g. {@code appserver bench density}
     */
    public BenchUsageErrors(List<String> command, String name) {
        this.command = List.copyOf(command);
        this.name = name;
    }

    public void assertUsageError(String message, String... options) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(options));

        CommandRun run = CommandRun.of(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo(name + ": " + message + "\n");
    }
}
