package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.orchestrator.store.AppRepository;
import dev.appserver.orchestrator.store.InstalledApp;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code /api/apps}: install an app from an uploaded archive or a server-side path, list and show
 * apps, and mark one verified or not ({@code PATCH /api/apps/{id}} with {@code {"verified": true}}),
 * which decides the pool its configs run in. Installing files that are already installed answers
 * 200 with the existing app instead of 201. Thread-safe.
 */
final class AppsApi {
    private final AppInstaller installer;
    private final AppRepository apps;
    private final AppTrustListener trustListener;

    AppsApi(AppInstaller installer, AppRepository apps, AppTrustListener trustListener) {
        this.installer = requireNonNull(installer, "installer is null");
        this.apps = requireNonNull(apps, "apps is null");
        this.trustListener = requireNonNull(trustListener, "trustListener is null");
    }

    void register(RoutesConfig routes) {
        routes.post("/api/apps", this::install);
        routes.get("/api/apps", this::list);
        routes.get("/api/apps/{id}", this::show);
        routes.patch("/api/apps/{id}", this::update);
    }

    private void install(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        AppInstaller.Installation installation;
        if (contentType.startsWith("application/json")) {
            installation = installer.installPath(serverPath(Json.readObject(ctx)));
        } else {
            byte[] archive = ctx.bodyAsBytes();
            if (archive.length == 0) {
                throw ApiException.badRequest("send the app as a .zip or .tgz request body, "
                        + "or as JSON {\"path\": \"...\"} naming a directory or archive on the server");
            }
            String fileName = ctx.queryParam("file_name");
            installation = installer.installArchive(archive, fileName == null || fileName.isBlank() ? "upload" : fileName);
        }
        InstalledApp app = installation.app();
        if (installation.created()) {
            ctx.header("Location", "/api/apps/" + app.id());
        }
        Json.send(ctx, installation.created() ? 201 : 200, AppJson.detail(app));
    }

    private static Path serverPath(ObjectNode body) {
        RequestFields.requireOnly(body, Set.of("path"));
        JsonNode path = body.get("path");
        if (path == null || !path.isTextual() || path.textValue().isBlank()) {
            throw ApiException.badRequest("'path' must name a directory, .zip or .tgz on the server");
        }
        Path serverPath;
        try {
            serverPath = Path.of(path.textValue());
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("'path' is not a valid path: " + e.getReason());
        }
        if (!serverPath.isAbsolute()) {
            throw ApiException.badRequest("'path' must be absolute: the server does not share your working directory");
        }
        return serverPath;
    }

    private void list(Context ctx) {
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode list = body.putArray("apps");
        apps.list().forEach(app -> list.add(AppJson.summary(app)));
        Json.send(ctx, 200, body);
    }

    private void show(Context ctx) {
        long id = RequestFields.pathId(ctx, "id", "app id");
        InstalledApp app = apps.find(id).orElseThrow(() -> ApiException.notFound("no app with id " + id));
        Json.send(ctx, 200, AppJson.detail(app));
    }

    private void update(Context ctx) {
        long id = RequestFields.pathId(ctx, "id", "app id");
        ObjectNode body = Json.readObject(ctx);
        RequestFields.requireOnly(body, Set.of("verified"));
        boolean verified = RequestFields.optionalBoolean(body, "verified")
                .orElseThrow(() -> ApiException.badRequest("'verified' is required: true or false"));
        InstalledApp before = apps.find(id).orElseThrow(() -> ApiException.notFound("no app with id " + id));
        if (!apps.setVerified(id, verified)) {
            throw ApiException.notFound("no app with id " + id);
        }
        if (before.verified() != verified) {
            trustListener.appTrustChanged(id, verified);
        }
        InstalledApp app = apps.find(id).orElseThrow(() -> ApiException.notFound("no app with id " + id));
        Json.send(ctx, 200, AppJson.detail(app));
    }
}
