package dev.appserver.orchestrator.events;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code appserver events send} and {@code appserver events read}. */
@Command(name = "events", description = "Send events to the pipeline and read what it produced.",
        subcommands = {SendEventsCommand.class, ReadEventsCommand.class})
public final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    /** Without a subcommand: the usage, and the exit status of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
