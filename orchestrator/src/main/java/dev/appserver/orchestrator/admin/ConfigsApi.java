package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.apps.ConfigField;
import dev.appserver.orchestrator.apps.PluginManifest;
import dev.appserver.orchestrator.store.AppConfig;
import dev.appserver.orchestrator.store.AppConfigConflictException;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppConfigUpdate;
import dev.appserver.orchestrator.store.ConfigAttachment;
import dev.appserver.orchestrator.store.NewAppConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/teams/{team}/configs} and {@code /api/configs/{id}}: create, list, show, change and
 * delete app configs. Values are checked against the app's schema ({@link ConfigValidator}) before
 * anything is stored; every stored change is then told to the {@link ConfigChangeListener}.
 * {@code config} and {@code attachments} in a PATCH are merged key by key, {@code null} removing a
 * key (RFC 7386). Thread-safe.
 */
final class ConfigsApi {
    private static final Set<String> CREATE_FIELDS = Set.of("app_id", "enabled", "order", "config", "attachments");
    private static final Set<String> PATCH_FIELDS = Set.of("enabled", "order", "config", "attachments");

    private final AppManifests manifests;
    private final AppConfigRepository configs;
    private final ConfigChangeListener listener;
    private final ConfigRuntime runtime;

    ConfigsApi(AppManifests manifests, AppConfigRepository configs, ConfigChangeListener listener, ConfigRuntime runtime) {
        this.manifests = requireNonNull(manifests, "manifests is null");
        this.configs = requireNonNull(configs, "configs is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    void register(RoutesConfig routes) {
        routes.post("/api/teams/{team}/configs", this::create);
        routes.get("/api/teams/{team}/configs", this::listByTeam);
        routes.get("/api/configs/{id}", this::show);
        routes.patch("/api/configs/{id}", this::update);
        routes.delete("/api/configs/{id}", this::delete);
    }

    private void create(Context ctx) {
        long team = RequestFields.pathId(ctx, "team", "team id");
        ObjectNode body = Json.readObject(ctx);
        RequestFields.requireOnly(body, CREATE_FIELDS);
        long appId = RequestFields.requiredId(body, "app_id");
        PluginManifest manifest = manifests.of(appId)
                .orElseThrow(() -> ApiException.notFound("no app with id " + appId));
        ObjectNode values = mergeValues(manifest, Json.NODES.objectNode(),
                RequestFields.optionalObject(body, "config").orElse(Json.NODES.objectNode()));
        Map<String, ConfigAttachment> attachments = AttachmentsJson.merge(Map.of(),
                RequestFields.optionalObject(body, "attachments").orElse(Json.NODES.objectNode()));
        validate(manifest, values, attachments);
        boolean enabled = RequestFields.optionalBoolean(body, "enabled").orElse(true);
        int order = RequestFields.optionalInt(body, "order").orElseGet(() -> nextOrder(team));
        AppConfig created;
        try {
            created = configs.create(new NewAppConfig(team, appId, enabled, order, values, attachments));
        } catch (AppConfigConflictException e) {
            throw ApiException.conflict(e.getMessage());
        }
        listener.configChanged(new ConfigChange(ConfigChange.Kind.CREATED, created));
        ctx.header("Location", "/api/configs/" + created.id());
        Json.send(ctx, 201, ConfigJson.of(created, manifest, runtime));
    }

    private void listByTeam(Context ctx) {
        long team = RequestFields.pathId(ctx, "team", "team id");
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode list = body.putArray("configs");
        for (AppConfig config : configs.listByTeam(team)) {
            list.add(ConfigJson.of(config, manifestOf(config), runtime));
        }
        Json.send(ctx, 200, body);
    }

    private void show(Context ctx) {
        AppConfig config = existing(ctx);
        Json.send(ctx, 200, ConfigJson.of(config, manifestOf(config), runtime));
    }

    private void update(Context ctx) {
        AppConfig current = existing(ctx);
        ObjectNode body = Json.readObject(ctx);
        if (body.has("app_id") || body.has("team_id")) {
            throw ApiException.badRequest("an app config's app and team cannot change: delete it and create another");
        }
        RequestFields.requireOnly(body, PATCH_FIELDS);
        if (body.isEmpty()) {
            throw ApiException.badRequest("nothing to change: give enabled, order, config or attachments");
        }
        PluginManifest manifest = manifestOf(current);
        Optional<ObjectNode> values = RequestFields.optionalObject(body, "config")
                .map(changes -> mergeValues(manifest, current.config(), changes));
        Optional<Map<String, ConfigAttachment>> attachments = RequestFields.optionalObject(body, "attachments")
                .map(changes -> AttachmentsJson.merge(current.attachments(), changes));
        validate(manifest, values.orElse(current.config()), attachments.orElse(current.attachments()));
        AppConfigUpdate update = new AppConfigUpdate(RequestFields.optionalBoolean(body, "enabled"),
                RequestFields.optionalInt(body, "order"), values, attachments);
        AppConfig updated = configs.update(current.id(), update).orElseThrow(() -> gone(current.id()));
        listener.configChanged(new ConfigChange(ConfigChange.Kind.UPDATED, updated));
        Json.send(ctx, 200, ConfigJson.of(updated, manifest, runtime));
    }

    private void delete(Context ctx) {
        long id = RequestFields.pathId(ctx, "id", "app config id");
        AppConfig deleted = configs.delete(id).orElseThrow(() -> gone(id));
        listener.configChanged(new ConfigChange(ConfigChange.Kind.DELETED, deleted));
        ctx.status(204);
    }

    private AppConfig existing(Context ctx) {
        long id = RequestFields.pathId(ctx, "id", "app config id");
        return configs.get(id).orElseThrow(() -> gone(id));
    }

    private PluginManifest manifestOf(AppConfig config) {
        return manifests.of(config.appId()).orElseThrow(() -> new IllegalStateException(
                "app config " + config.id() + " refers to app " + config.appId() + ", which is not installed"));
    }

    /**
     * {@code current} with {@code changes} merged in: {@code null} removes a key, and a masked
     * secret sent back unchanged keeps the stored value.
     */
    private static ObjectNode mergeValues(PluginManifest manifest, ObjectNode current, ObjectNode changes) {
        ObjectNode merged = current.deepCopy();
        Set<String> secrets = secretKeys(manifest);
        for (Map.Entry<String, JsonNode> change : changes.properties()) {
            String key = change.getKey();
            JsonNode value = change.getValue();
            if (value.isNull()) {
                merged.remove(key);
            } else if (!(secrets.contains(key) && value.isTextual() && value.textValue().equals(ConfigJson.MASK))) {
                merged.set(key, value);
            }
        }
        return merged;
    }

    private static Set<String> secretKeys(PluginManifest manifest) {
        return Set.copyOf(manifest.config().stream().filter(ConfigField::secret)
                .flatMap(field -> field.key().stream()).toList());
    }

    private static void validate(PluginManifest manifest, ObjectNode values, Map<String, ConfigAttachment> attachments) {
        try {
            ConfigValidator.validate(manifest, values, attachments.keySet());
        } catch (InvalidConfigException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** A new app config goes to the end of the tenant's chain unless it names its order. */
    private int nextOrder(long team) {
        return configs.listByTeam(team).stream().mapToInt(AppConfig::order).max().orElse(0) + 1;
    }

    private static ApiException gone(long id) {
        return ApiException.notFound("no app config with id " + id);
    }
}
