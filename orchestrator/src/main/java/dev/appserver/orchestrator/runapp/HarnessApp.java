package dev.appserver.orchestrator.runapp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.appserver.orchestrator.apps.LoadedApp;
import dev.appserver.orchestrator.exports.ExportBuffer;
import dev.appserver.proto.v1.AppAttachment;
import dev.appserver.proto.v1.Capabilities;
import dev.appserver.proto.v1.LoadInstanceRequest;
import java.util.List;

/**
 * One app of a run-app chain: the loaded app, its config id (its place in the chain, from 1)
 * and config, and what the worker reported it exports. Its instance id equals its config id.
 */
final class HarnessApp {
    private final LoadedApp app;
    private final long configId;
    private final long teamId;
    private final ObjectNode config;
    private final List<AppAttachment> attachments;
    private Capabilities capabilities = Capabilities.getDefaultInstance();
    private ExportBuffer<String> exportBuffer;

    HarnessApp(LoadedApp app, long configId, long teamId, ObjectNode config, List<AppAttachment> attachments) {
        this.app = requireNonNull(app, "app is null");
        this.configId = configId;
        this.teamId = teamId;
        this.config = requireNonNull(config, "config is null");
        this.attachments = List.copyOf(attachments);
    }

    String name() {
        return app.displayName();
    }

    long configId() {
        return configId;
    }

    ObjectNode config() {
        return config;
    }

    LoadInstanceRequest loadRequest(long timeoutMillis) {
        return LoadInstanceRequest.newBuilder()
                .setInstanceId(configId)
                .setConfigId(configId)
                .setTeamId(teamId)
                .setAppName(app.displayName())
                .setFileName(app.mainFile())
                .setCode(app.code())
                .setCodeHash(app.codeHash())
                .setConfigJson(ByteString.copyFromUtf8(config.toString()))
                .addAllAttachments(attachments)
                .setTimeoutMillis(timeoutMillis)
                .build();
    }

    Capabilities capabilities() {
        return capabilities;
    }

    void capabilities(Capabilities value) {
        this.capabilities = requireNonNull(value, "value is null");
    }

    ExportBuffer<String> exportBuffer() {
        return exportBuffer;
    }

    ExportBuffer<String> exportBuffer(ExportBuffer<String> buffer) {
        this.exportBuffer = buffer;
        return buffer;
    }
}
