package dev.appserver.orchestrator;

import dev.appserver.orchestrator.admin.cli.AppsCommand;
import dev.appserver.orchestrator.admin.cli.ConfigsCommand;
import dev.appserver.orchestrator.bench.BenchCommand;
import dev.appserver.orchestrator.events.EventsCommand;
import dev.appserver.orchestrator.runapp.RunAppCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code appserver} command line: the orchestrator's composition root. Each subcommand wires
 * what it needs; this is the only place that calls {@link System#exit}.
 */
@Command(name = "appserver", mixinStandardHelpOptions = true, version = "appserver 0.1.0",
    description = "A multi-tenant app server for event pipelines.",
    subcommands = {RunAppCommand.class, StartCommand.class, AppsCommand.class, ConfigsCommand.class, EventsCommand.class,
        BenchCommand.class})
public final class OrchestratorMain implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.err);
  }

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new OrchestratorMain());
    commandLine.setParameterExceptionHandler((e, arguments) -> {
      System.err.println(e.getMessage());
      return 2;
    });
    System.exit(commandLine.execute(args));
  }
}
