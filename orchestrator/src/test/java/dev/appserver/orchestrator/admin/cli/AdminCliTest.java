package dev.appserver.orchestrator.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.appserver.orchestrator.admin.AdminFixture;
import dev.appserver.orchestrator.store.AppLogEntry;
import dev.appserver.orchestrator.testing.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCliTest {
    @TempDir
    Path temp;

    private final AdminFixture admin = new AdminFixture();

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void installsConfiguresAndInspectsAnApp() throws Exception {
        Path archive = Files.write(temp.resolve("greeter.zip"), AdminFixture.greeterZip());

        CommandRun install = run("apps", "install", archive.toString());
        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).startsWith("installed app 1 (Greeter, content hash ");

        CommandRun list = run("apps", "list");
        assertThat(list.out()).contains("ID", "NAME").containsPattern("1\\s+Greeter\\s+no");

        CommandRun verify = run("apps", "verify", "1");
        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).isEqualTo("app 1 (Greeter) is verified: its configs run in the verified pool\n");
        assertThat(run("apps", "list").out()).containsPattern("1\\s+Greeter\\s+yes");
        assertThat(run("apps", "unverify", "1").out()).isEqualTo("app 1 (Greeter) is not verified: its configs run in the untrusted pool\n");
        assertThat(run("apps", "verify", "7").exitCode()).isEqualTo(2);

        CommandRun create = run("configs", "create", "--team", "2", "--app", "1", "--config", "team=core", "--config", "mode=loud");
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).startsWith("created app config 1: team 2, app 1, order 1, enabled")
                .contains("  greeting = hello", "  mode = loud", "  team = core");

        CommandRun update = run("configs", "update", "1", "--disable", "--unset", "mode", "--config", "greeting=hi");
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains(", disabled", "  greeting = hi", "  mode = quiet");

        CommandRun show = run("configs", "show", "1", "--json");
        assertThat(new ObjectMapper().readTree(show.out()).path("config").path("greeting").asText()).isEqualTo("hi");

        admin.logs.append(new AppLogEntry(1, Instant.parse("2026-01-01T00:00:00Z"), "INFO", "CONSOLE", "set up"));
        assertThat(run("configs", "logs", "1").out()).isEqualTo("2026-01-01T00:00:00Z INFO CONSOLE set up\n");
        admin.logs.append(new AppLogEntry(1, Instant.parse("2026-01-01T00:00:01Z"), "ERROR", "PLUGIN", "threw"));
        admin.logs.append(new AppLogEntry(1, Instant.parse("2026-01-01T00:00:02Z"), "WARN", "SYSTEM", "slow"));
        assertThat(run("configs", "logs", "1", "--type", "error,WARN", "--limit", "1").out())
                .isEqualTo("2026-01-01T00:00:02Z WARN SYSTEM slow\n(older entries: --before 3)\n");
        assertThat(run("configs", "logs", "1", "--type", "ERROR", "--type", "WARN", "--before", "3").out())
                .isEqualTo("2026-01-01T00:00:01Z ERROR PLUGIN threw\n");
        assertThat(run("configs", "logs", "1", "--source", "CONSOLE").out()).isEqualTo("2026-01-01T00:00:00Z INFO CONSOLE set up\n");
        CommandRun badType = run("configs", "logs", "1", "--type", "FATAL");
        assertThat(badType.exitCode()).isEqualTo(2);
        assertThat(badType.err()).contains("'type' must be one or more of");

        assertThat(run("configs", "delete", "1").out()).isEqualTo("deleted app config 1\n");
        assertThat(admin.configs.get(1)).isEmpty();
    }

    @Test
    void installsADirectoryByZippingIt() throws Exception {
        Path app = Files.createDirectories(temp.resolve("my-app"));
        Files.writeString(app.resolve("plugin.json"), "{}");
        Files.writeString(app.resolve("index.js"), "export const processEvent = e => e");

        CommandRun install = run("apps", "install", app.toString());

        assertThat(install.exitCode()).as(install.err()).isZero();
        assertThat(install.out()).startsWith("installed app 1 (my-app, ");
    }

    @Test
    void apiRefusalsAreOneLineAndExitTwo() {
        CommandRun unknown = run("configs", "show", "42");
        CommandRun invalid = run("configs", "create", "--team", "2", "--app", "1");
        CommandRun badValue = run("configs", "create", "--team", "2", "--app", "1", "--config", "novalue");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("appserver configs show: no app config with id 42 (HTTP 404)\n");
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).isEqualTo("appserver configs create: no app with id 1 (HTTP 404)\n");
        assertThat(badValue.err()).contains("--config wants KEY=VALUE, not 'novalue'");
        assertThat(run("apps", "install", temp.resolve("missing.zip").toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerExitsOne() {
        CommandRun down = runAgainst("http://127.0.0.1:1", "apps", "list");

        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err()).startsWith("appserver apps list: cannot reach the admin API at http://127.0.0.1:1/");
    }

    private CommandRun run(String... args) {
        return runAgainst(admin.server.uri().toString(), args);
    }

    private static CommandRun runAgainst(String server, String... args) {
        List<String> withServer = new ArrayList<>(List.of(args));
        withServer.add("--server");
        withServer.add(server);
        return CommandRun.of(withServer.toArray(String[]::new));
    }
}
