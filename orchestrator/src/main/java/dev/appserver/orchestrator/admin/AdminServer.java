package dev.appserver.orchestrator.admin;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.appmetrics.AppMetrics;
import dev.appserver.orchestrator.apps.AppLoader;
import dev.appserver.orchestrator.store.AppConfigRepository;
import dev.appserver.orchestrator.store.AppLogRepository;
import dev.appserver.orchestrator.store.AppRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The admin HTTP API server (Javalin on Jetty). Built with {@link #builder}, then {@link #start}
 * binds it and {@link #close} stops it; the composition root owns both. Every path but
 * {@code /_health} and {@code /_ready} requires the bearer token when one is set.
 */
public final class AdminServer implements AutoCloseable {
    /** Probes must work without the token; everything else is guarded (deny by default). */
    private static final Set<String> OPEN_PATHS = Set.of("/_health", "/_health/", "/_ready", "/_ready/");
    private static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;

    private final AdminSettings settings;
    private final Javalin javalin;

    private AdminServer(Builder builder) {
        this.settings = builder.settings;
        Optional<BearerToken> token = settings.token().map(BearerToken::new);
        AppsApi apps = new AppsApi(new AppInstaller(builder.loader, builder.apps), builder.apps, builder.trustListener);
        ConfigsApi configs = new ConfigsApi(new AppManifests(builder.apps), builder.configs, builder.listener, builder.runtime);
        ConfigActionsApi actions = new ConfigActionsApi(builder.configs, builder.logs, builder.jobs);
        ConfigMetricsApi appMetrics = new ConfigMetricsApi(builder.configs,
                builder.appMetrics != null ? builder.appMetrics : new AppMetrics(builder.registry, Clock.systemUTC()));
        HealthApi health = new HealthApi(builder.readiness, builder.registry);
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = settings.maxRequestBytes();
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
            config.routes.before(ctx -> token.ifPresent(expected -> authenticate(ctx, expected)));
            health.register(config.routes);
            apps.register(config.routes);
            configs.register(config.routes);
            actions.register(config.routes);
            appMetrics.register(config.routes);
            ApiErrors.register(config.routes, settings.maxRequestBytes());
        });
    }

    public static Builder builder(AdminSettings settings) {
        return new Builder(settings);
    }

    /** Binds the configured address and serves; throws when the address is taken. */
    public AdminServer start() {
        javalin.start();
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return javalin.port();
    }

    public URI uri() {
        String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("http://" + host + ":" + port());
    }

    @Override
    public void close() {
        javalin.stop();
    }

    private static void authenticate(Context ctx, BearerToken token) {
        if (OPEN_PATHS.contains(ctx.path()) || token.matches(ctx.header("Authorization"))) {
            return;
        }
        ctx.header("WWW-Authenticate", "Bearer");
        throw new ApiException(401, "this API needs the server's bearer token: Authorization: Bearer <token>");
    }

    /** What the admin API serves and tells. Every part is required but the listeners, runtime and job trigger. */
    public static final class Builder {
        private final AdminSettings settings;
        private AppLoader loader;
        private AppRepository apps;
        private AppConfigRepository configs;
        private AppLogRepository logs;
        private Readiness readiness;
        private PrometheusMeterRegistry registry;
        private ConfigChangeListener listener = ConfigChangeListener.NONE;
        private AppTrustListener trustListener = AppTrustListener.NONE;
        private ConfigRuntime runtime = ConfigRuntime.NONE;
        private AppMetrics appMetrics;
        private JobTrigger jobs = (config, name, payload) -> {
            throw new ApiException(501, "running jobs on request is not available on this server yet");
        };

        private Builder(AdminSettings settings) {
            this.settings = requireNonNull(settings, "settings is null");
        }

        public Builder appLoader(AppLoader loader) {
            this.loader = requireNonNull(loader, "loader is null");
            return this;
        }

        public Builder repositories(AppRepository apps, AppConfigRepository configs, AppLogRepository logs) {
            this.apps = requireNonNull(apps, "apps is null");
            this.configs = requireNonNull(configs, "configs is null");
            this.logs = requireNonNull(logs, "logs is null");
            return this;
        }

        public Builder readiness(Readiness readiness) {
            this.readiness = requireNonNull(readiness, "readiness is null");
            return this;
        }

        public Builder metrics(PrometheusMeterRegistry registry) {
            this.registry = requireNonNull(registry, "registry is null");
            return this;
        }

        public Builder configChangeListener(ConfigChangeListener listener) {
            this.listener = requireNonNull(listener, "listener is null");
            return this;
        }

        public Builder appTrustListener(AppTrustListener trustListener) {
            this.trustListener = requireNonNull(trustListener, "trustListener is null");
            return this;
        }

        /** What the config endpoints show about breakers and failing setups; none by default. */
        public Builder configRuntime(ConfigRuntime runtime) {
            this.runtime = requireNonNull(runtime, "runtime is null");
            return this;
        }

        /** The per-app-config counters; without them, counters of the admin's own that stay zero. */
        public Builder appMetrics(AppMetrics appMetrics) {
            this.appMetrics = requireNonNull(appMetrics, "appMetrics is null");
            return this;
        }

        public Builder jobTrigger(JobTrigger jobs) {
            this.jobs = requireNonNull(jobs, "jobs is null");
            return this;
        }

        public AdminServer build() {
            requireNonNull(loader, "appLoader is not set");
            requireNonNull(apps, "repositories are not set");
            requireNonNull(readiness, "readiness is not set");
            requireNonNull(registry, "metrics are not set");
            return new AdminServer(this);
        }
    }
}
