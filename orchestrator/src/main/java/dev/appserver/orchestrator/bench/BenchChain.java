package dev.appserver.orchestrator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.admin.cli.AdminCallException;
import dev.appserver.orchestrator.admin.cli.AdminClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chain the end-to-end bench runs: its apps installed once through the admin API and
 * configured, in order, for each of teams 1..K. Afterwards it reads each app's {@code processed}
 * count back from the configs' metrics, which proves the events went through the chain.
 */
public final class BenchChain {
    private final AdminClient admin;
    private final List<String> names;
    /** Per app, in chain order: the ids of its configs, one per team. */
    private final List<List<Long>> configs;

    private BenchChain(AdminClient admin, List<String> names, List<List<Long>> configs) {
        this.admin = admin;
        this.names = names;
        this.configs = configs;
    }

    /** Installs the apps in {@code directories} and gives teams 1..{@code teams} the chain of them, in that order. */
    public static BenchChain install(String adminUri, List<Path> directories, int teams) throws BenchFailedException {
        try {
            AdminClient admin = new AdminClient(adminUri, Optional.empty());
            JsonNodeFactory json = JsonNodeFactory.instance;
            List<String> names = new ArrayList<>();
            List<List<Long>> configs = new ArrayList<>();
            for (int order = 0; order < directories.size(); order++) {
                JsonNode app = admin.postJson("api/apps", json.objectNode().put("path", directories.get(order).toString()));
                names.add(app.path("name").asText());
                List<Long> ids = new ArrayList<>();
                for (int team = 1; team <= teams; team++) {
                    ObjectNode config = json.objectNode().put("app_id", app.path("id").asLong()).put("enabled", true)
                            .put("order", order + 1);
                    config.putObject("config");
                    ids.add(admin.postJson("api/teams/" + team + "/configs", config).path("id").asLong());
                }
                configs.add(ids);
            }
            return new BenchChain(admin, names, configs);
        } catch (AdminCallException e) {
            throw new BenchFailedException("setting up the chain through the admin API at " + adminUri + " failed: "
                    + e.getMessage());
        }
    }

    /** @return per app name, in chain order, how many events its configs processed */
    public Map<String, Long> processed() throws BenchFailedException {
        Map<String, Long> processed = new LinkedHashMap<>();
        try {
            for (int app = 0; app < names.size(); app++) {
                long sum = 0;
                for (long id : configs.get(app)) {
                    sum += admin.get("api/configs/" + id + "/metrics").path("processed").asLong();
                }
                processed.put(names.get(app), sum);
            }
        } catch (AdminCallException e) {
            throw new BenchFailedException("reading the chain's metrics failed: " + e.getMessage());
        }
        return processed;
    }
}
