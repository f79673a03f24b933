package dev.appserver.orchestrator.admin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code appserver apps install|list|show|verify|unverify}. */
@Command(name = "apps", description = "Install and list apps on a running server.",
        subcommands = {AppsCommand.Install.class, AppsCommand.ListApps.class, AppsCommand.Show.class,
                AppsCommand.Verify.class, AppsCommand.Unverify.class})
public final class AppsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and the exit status of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "install", description = "Install an app from a directory, .zip or .tgz (uploaded to the server).")
    static final class Install implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "PATH_OR_ARCHIVE", description = "A directory holding plugin.json, or a .zip or .tgz of one.")
        String path;

        @Option(names = "--server-path", description = "Let the server read PATH_OR_ARCHIVE from its own file system instead of uploading it.")
        boolean serverPath;

        @Override
        public Integer call() {
            return server.run(client -> {
                JsonNode app = AppUpload.install(client, path, serverPath);
                return new ServerOptions.Result(app, "installed app " + app.path("id").asLong()
                        + " (" + app.path("name").asText() + ", content hash " + app.path("content_hash").asText().substring(0, 12) + ")\n");
            });
        }
    }

    @Command(name = "list", description = "List the installed apps.")
    static final class ListApps implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Override
        public Integer call() {
            return server.run(client -> {
                JsonNode body = client.get("api/apps");
                StringBuilder table = new StringBuilder(String.format("%-6s %-32s %-9s %s%n", "ID", "NAME", "VERIFIED", "INSTALLED"));
                for (JsonNode app : body.path("apps")) {
                    table.append(String.format("%-6d %-32s %-9s %s%n", app.path("id").asLong(), app.path("name").asText(),
                            app.path("verified").asBoolean() ? "yes" : "no", app.path("created_at").asText()));
                }
                return new ServerOptions.Result(body, table.toString());
            });
        }
    }

    @Command(name = "show", description = "Show an installed app and its config schema.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            return server.run(client -> {
                JsonNode app = client.get("api/apps/" + id);
                StringBuilder text = new StringBuilder();
                text.append("app ").append(app.path("id").asLong()).append(": ").append(app.path("name").asText()).append('\n');
                for (String field : new String[] {"description", "main_file", "content_hash", "code_hash", "verified", "created_at"}) {
                    text.append("  ").append(field).append(": ").append(app.path(field).asText()).append('\n');
                }
                for (JsonNode field : app.path("plugin_json").path("config")) {
                    if (field.has("key")) {
                        text.append("  config ").append(field.path("key").asText())
                                .append(field.path("required").asBoolean() ? " (required)" : "")
                                .append(field.has("default") ? " default " + field.path("default") : "").append('\n');
                    }
                }
                return new ServerOptions.Result(app, text.toString());
            });
        }
    }

    /** {@code verify} and {@code unverify}: one call, with the flag each stands for. */
    abstract static class TrustChange implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        long id;

        abstract boolean verified();

        @Override
        public Integer call() {
            return server.run(client -> setVerified(client, id, verified()));
        }
    }

    @Command(name = "verify", description = "Mark an app verified (reviewed): its configs run in the verified pool.")
    static final class Verify extends TrustChange {
        @Override
        boolean verified() {
            return true;
        }
    }

    @Command(name = "unverify", description = "Mark an app not verified: its configs run in the untrusted pool.")
    static final class Unverify extends TrustChange {
        @Override
        boolean verified() {
            return false;
        }
    }

    private static ServerOptions.Result setVerified(AdminClient client, long id, boolean verified) throws AdminCallException {
        JsonNode app = client.patchJson("api/apps/" + id, JsonNodeFactory.instance.objectNode().put("verified", verified));
        return new ServerOptions.Result(app, "app " + app.path("id").asLong() + " (" + app.path("name").asText() + ") is "
                + (app.path("verified").asBoolean() ? "verified: its configs run in the verified pool"
                        : "not verified: its configs run in the untrusted pool") + "\n");
    }
}
