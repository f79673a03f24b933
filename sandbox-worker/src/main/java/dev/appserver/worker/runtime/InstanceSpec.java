package dev.appserver.worker.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * What the worker needs to load one app instance.
 *
 * @param instanceId chosen by the orchestrator, unique in this worker
 * @param displayName {@code "<app name> (<config id>)"}, as PostHog writes it in {@code $plugins_*}
 * @param fileName the main file's name, for stack traces and errors
 * @param code CommonJS source, already transpiled
 * @param codeHash content hash of {@code code}, the key of the parsed-source cache
 * @param configJson {@code meta.config} as a JSON object
 * @param attachments {@code meta.attachments}
 * @param timeout the per-invocation time limit
 */
public record InstanceSpec(
    long instanceId,
    String displayName,
    String fileName,
    String code,
    String codeHash,
    String configJson,
    List<Attachment> attachments,
    Duration timeout) {

  public InstanceSpec {
    requireNonNull(displayName, "displayName is null");
    requireNonNull(fileName, "fileName is null");
    requireNonNull(code, "code is null");
    requireNonNull(codeHash, "codeHash is null");
    requireNonNull(configJson, "configJson is null");
    attachments = List.copyOf(attachments);
    requireNonNull(timeout, "timeout is null");
  }

  /** One {@code meta.attachments[key]}: {@code {content_type, file_name, contents}}. */
  public record Attachment(String key, String contentType, String fileName, byte[] contents) {
    public Attachment {
      requireNonNull(key, "key is null");
      requireNonNull(contentType, "contentType is null");
      requireNonNull(fileName, "fileName is null");
      requireNonNull(contents, "contents is null");
    }
  }
}
