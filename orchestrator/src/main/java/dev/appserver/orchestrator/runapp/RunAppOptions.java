package dev.appserver.orchestrator.runapp;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The arguments of {@code appserver run-app}, as DESIGN.md specifies them.
 *
 * @param apps directories or archives, chained in this order (config ids 1, 2, ...)
 * @param events a JSON-lines file, or null for standard input
 * @param configFile a JSON object (first app) or array of objects (one per app), or null
 * @param configValues {@code KEY=VALUE} settings for the first app
 * @param attachments {@code KEY=FILE} or {@code N:KEY=FILE}
 */
public record RunAppOptions(
    List<Path> apps,
    Path events,
    Path configFile,
    List<String> configValues,
    long teamId,
    Duration timeout,
    Path logs,
    Path captured,
    List<String> allowHosts,
    List<String> runTasks,
    Path geoIpDatabase,
    List<String> attachments) {

  public RunAppOptions {
    apps = List.copyOf(apps);
    configValues = List.copyOf(configValues);
    requireNonNull(timeout, "timeout is null");
    allowHosts = List.copyOf(allowHosts);
    runTasks = List.copyOf(runTasks);
    attachments = List.copyOf(attachments);
  }
}
