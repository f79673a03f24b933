package dev.appserver.orchestrator.runapp;

import dev.appserver.orchestrator.WorkerLimitOptions;
import dev.appserver.orchestrator.apps.TypeScriptTranspiler;
import dev.appserver.orchestrator.limits.CgroupDetection;
import dev.appserver.orchestrator.limits.Cgroups;
import dev.appserver.orchestrator.limits.UnconfinedWorkers;
import dev.appserver.orchestrator.pool.WorkerDistribution;
import dev.appserver.orchestrator.pool.WorkerLimits;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code appserver run-app}: see DESIGN.md and {@link RunApp}. */
@Command(name = "run-app", sortOptions = false,
    description = "Run apps locally on events, exactly as the server would (in a real sandbox worker).")
public final class RunAppCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "APP",
      description = "App directories, .zip or .tgz archives; several form a chain in this order.")
  List<Path> apps = new ArrayList<>();

  @Option(names = "--events", paramLabel = "FILE", description = "JSON lines of events (default: standard input).")
  Path events;

  @Option(names = "--config-file", paramLabel = "FILE", description = "A JSON object (first app) or array (one per app).")
  Path configFile;

  @Option(names = "--config", arity = "1..*", paramLabel = "KEY=VALUE", description = "A config value for the first app.")
  List<String> config = new ArrayList<>();

  @Option(names = "--team-id", paramLabel = "N", description = "team_id of events that have none (default: ${DEFAULT-VALUE}).")
  long teamId = 2;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-invocation time limit (default: ${DEFAULT-VALUE}).")
  BigDecimal timeout = BigDecimal.valueOf(30);

  @Option(names = "--logs", paramLabel = "FILE", description = "Write app log entries here as JSON lines.")
  Path logs;

  @Option(names = "--captured", paramLabel = "FILE", description = "Write events captured with posthog.capture here.")
  Path captured;

  @Option(names = "--allow-host", arity = "1..*", paramLabel = "HOST", description = "Let fetch reach this loopback or private host.")
  List<String> allowHosts = new ArrayList<>();

  @Option(names = "--run-task", arity = "1..*", paramLabel = "NAME", description = "runEveryMinute, runEveryHour or runEveryDay.")
  List<String> runTasks = new ArrayList<>();

  @Option(names = "--geoip-db", paramLabel = "FILE", description = "A MaxMind City database for meta.geoip.locate.")
  Path geoIpDatabase;

  @Option(names = "--attachment", arity = "1..*", paramLabel = "KEY=FILE", description = "meta.attachments[KEY] (N:KEY=FILE for the N-th app).")
  List<String> attachments = new ArrayList<>();

  @Mixin
  WorkerLimitOptions workerLimits = new WorkerLimitOptions();

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Override
  public Integer call() {
    if (timeout.signum() <= 0) {
      System.err.println("--timeout must be a positive number of seconds: " + timeout.toPlainString());
      return 2;
    }
    RunAppOptions options = new RunAppOptions(apps, events, configFile, config, teamId,
        Duration.ofMillis(timeout.movePointRight(3).longValue()), logs, captured, allowHosts, runTasks,
        geoIpDatabase, attachments);
    WorkerLimits limits;
    try {
      limits = workerLimits.limits();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    // Like single-node mode: without cgroups, one warning and the worker runs unconfined.
    try (Cgroups cgroups = UnconfinedWorkers.warnIfMissing(CgroupDetection.detect(),
        warning -> System.err.println("appserver run-app: warning: " + warning))) {
      RunApp runApp = new RunApp(WorkerDistribution.locate(), limits, cgroups, TypeScriptTranspiler.defaultCacheDirectory(),
          Clock.systemUTC());
      return runApp.run(options, System.in, System.out, System.err);
    }
  }
}
