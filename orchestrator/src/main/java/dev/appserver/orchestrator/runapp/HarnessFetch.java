package dev.appserver.orchestrator.runapp;

import dev.appserver.orchestrator.hostservices.InstanceBinding;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/** Placeholder: fetch for run-app, replaced when the egress-guarded fetcher lands. */
final class HarnessFetch {
  private HarnessFetch() {}

  static BiFunction<InstanceBinding, HostCall, CompletableFuture<HostResult>> create(List<String> allowHosts) {
    return (from, call) -> CompletableFuture.failedFuture(new IllegalStateException("fetch is not available"));
  }
}
