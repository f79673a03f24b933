package dev.appserver.orchestrator.admin.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code appserver configs create|list|show|update|delete|logs}. */
@Command(name = "configs", description = "Configure apps for tenants on a running server.",
        subcommands = {ConfigsCommand.Create.class, ConfigsCommand.ListConfigs.class, ConfigsCommand.Show.class,
            ConfigsCommand.Update.class, ConfigsCommand.Delete.class, ConfigsCommand.Logs.class})
public final class ConfigsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Without a subcommand: the usage, and the exit status of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "create", description = "Install an app for a tenant.")
    static final class Create implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--team", required = true, paramLabel = "N", description = "The tenant (team id).")
        long team;

        @Option(names = "--app", required = true, paramLabel = "ID", description = "The installed app's id.")
        long app;

        @Option(names = "--order", paramLabel = "N", description = "Position in the tenant's chain (default: last).")
        Integer order;

        @Option(names = "--disabled", description = "Create it disabled.")
        boolean disabled;

        @Option(names = "--config", paramLabel = "KEY=VALUE", description = "A config value; repeat for more.")
        List<String> config = new ArrayList<>();

        @Override
        public Integer call() {
            return server.run(client -> {
                ObjectNode body = JsonNodeFactory.instance.objectNode().put("app_id", app).put("enabled", !disabled);
                if (order != null) {
                    body.put("order", order);
                }
                body.set("config", ConfigValues.parse(config, List.of()));
                JsonNode created = client.postJson("api/teams/" + team + "/configs", body);
                return new ServerOptions.Result(created, "created " + ConfigValues.describe(created));
            });
        }
    }

    @Command(name = "list", description = "List a tenant's app configs in chain order.")
    static final class ListConfigs implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--team", required = true, paramLabel = "N")
        long team;

        @Override
        public Integer call() {
            return server.run(client -> {
                JsonNode body = client.get("api/teams/" + team + "/configs");
                StringBuilder text = new StringBuilder();
                body.path("configs").forEach(config -> text.append(ConfigValues.describe(config)));
                return new ServerOptions.Result(body, text.isEmpty() ? "team " + team + " has no app configs\n" : text.toString());
            });
        }
    }

    @Command(name = "show", description = "Show an app config: status, last error, values (defaults applied).")
    static final class Show implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            return server.run(client -> {
                JsonNode config = client.get("api/configs/" + id);
                return new ServerOptions.Result(config, ConfigValues.describe(config));
            });
        }
    }

    @Command(name = "update", description = "Change an app config; what is not given stays.")
    static final class Update implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        long id;

        @ArgGroup(exclusive = true)
        Toggle toggle;

        @Option(names = "--order", paramLabel = "N")
        Integer order;

        @Option(names = "--config", paramLabel = "KEY=VALUE", description = "Set a config value; repeat for more.")
        List<String> config = new ArrayList<>();

        @Option(names = "--unset", paramLabel = "KEY", description = "Remove a config value (its default applies again).")
        List<String> unset = new ArrayList<>();

        static final class Toggle {
            @Option(names = "--enable", required = true)
            boolean enable;

            @Option(names = "--disable", required = true)
            boolean disable;
        }

        @Override
        public Integer call() {
            return server.run(client -> {
                ObjectNode body = JsonNodeFactory.instance.objectNode();
                if (toggle != null) {
                    body.put("enabled", toggle.enable);
                }
                if (order != null) {
                    body.put("order", order);
                }
                if (!config.isEmpty() || !unset.isEmpty()) {
                    body.set("config", ConfigValues.parse(config, unset));
                }
                JsonNode updated = client.patchJson("api/configs/" + id, body);
                return new ServerOptions.Result(updated, "updated " + ConfigValues.describe(updated));
            });
        }
    }

    @Command(name = "delete", description = "Delete an app config.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        long id;

        @Override
        public Integer call() {
            return server.run(client -> new ServerOptions.Result(client.delete("api/configs/" + id), "deleted app config " + id + "\n"));
        }
    }

    @Command(name = "logs", description = {"Print an app config's newest log entries, oldest first.",
        "When older entries exist, the last line says how to read them (--before)."})
    static final class Logs implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        long id;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--before", paramLabel = "ENTRY_ID", description = "Only entries older than this one (the next page).")
        Long before;

        @Option(names = "--type", paramLabel = "TYPE", split = ",",
                description = "Only these types: DEBUG, LOG, INFO, WARN, ERROR (comma-separated or repeated).")
        List<String> types = new ArrayList<>();

        @Option(names = "--source", paramLabel = "SOURCE", split = ",",
                description = "Only these sources: CONSOLE, PLUGIN, SYSTEM (comma-separated or repeated).")
        List<String> sources = new ArrayList<>();

        @Override
        public Integer call() {
            return server.run(client -> {
                StringBuilder path = new StringBuilder("api/configs/" + id + "/logs?limit=" + limit);
                if (before != null) {
                    path.append("&before=").append(before);
                }
                if (!types.isEmpty()) {
                    path.append("&type=").append(URLEncoder.encode(String.join(",", types), UTF_8));
                }
                if (!sources.isEmpty()) {
                    path.append("&source=").append(URLEncoder.encode(String.join(",", sources), UTF_8));
                }
                JsonNode body = client.get(path.toString());
                StringBuilder text = new StringBuilder();
                for (JsonNode entry : body.path("logs")) {
                    text.append(entry.path("timestamp").asText()).append(' ').append(entry.path("type").asText())
                            .append(' ').append(entry.path("source").asText()).append(' ')
                            .append(entry.path("message").asText()).append('\n');
                }
                if (body.has("next")) {
                    text.append("(older entries: --before ").append(body.path("next").asLong()).append(")\n");
                }
                return new ServerOptions.Result(body, text.toString());
            });
        }
    }
}
