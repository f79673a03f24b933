package dev.appserver.worker.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;

/**
 * The worker's one GraalJS {@link Engine}, shared by every app context so that parsed and
 * compiled code is shared too, and the factory of sandboxed contexts.
 *
 * <p>This class and {@link RuntimeLibrary} are the sandbox boundary: every context is built here
 * with {@link SandboxPolicy#CONSTRAINED} (no host class access, no IO, no threads, no native
 * access, no process creation, no environment) and its standard streams discarded; the only
 * host objects an app can reach are the proxies {@link AppInstance} installs.
 *
 * <p>Thread-safe.
 */
public final class JsEngine implements AutoCloseable {
    /** The name GraalJS reports when Truffle fell back to its interpreter-only runtime. */
    static final String FALLBACK_RUNTIME = "Interpreted";

    private static final int SOURCE_CACHE_LIMIT = 10_000;

    private final Engine engine;
    private final Source bootstrap;
    private final Source finisher;
    private final Map<String, Source> appSources = new ConcurrentHashMap<>();

    public JsEngine() {
        this.engine = Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                // The worker itself detects and reports the fallback runtime (see isOptimizing).
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.bootstrap = resource("bootstrap.js");
        this.finisher = resource("finisher.js");
    }

    /** The implementation name: "GraalVM CE" when optimizing, "Interpreted" on the fallback. */
    public String runtimeName() {
        return engine.getImplementationName();
    }

    /** Whether Truffle runs with the optimizing (Graal-compiling) runtime. */
    public boolean isOptimizing() {
        return !FALLBACK_RUNTIME.equals(runtimeName());
    }

    /** A fresh sandboxed context on the shared engine. The caller owns and closes it. */
    public Context newContext() {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .build();
    }

    Source bootstrap() {
        return bootstrap;
    }

    Source finisher() {
        return finisher;
    }

    /**
     * The app's CommonJS code wrapped in a function of {@code (exports, require, module,
     * __filename, __dirname)}, cached by content hash so that many tenants' instances of one app
     * share one parse. The wrapper also returns the app's top-level functions, which is how apps
     * that export nothing (PostHog's oldest format) are found.
     */
    Source appSource(String codeHash, String fileName, String code) {
        requireNonNull(code, "code is null");
        String key = codeHash.isEmpty() ? Integer.toHexString(code.hashCode()) + ":" + code.length() : codeHash;
        if (appSources.size() > SOURCE_CACHE_LIMIT) {
            appSources.clear();
        }
        return appSources.computeIfAbsent(key + "\0" + fileName, k -> Source.newBuilder("js", wrap(code), fileName)
                .cached(true)
                .buildLiteral());
    }

    private static String wrap(String code) {
        // The prefix stays on the app's first line so that line numbers in errors match the file.
        return "(function (exports, require, module, __filename, __dirname) {" + code
                + "\n;return {"
                + RuntimeExports.NAMES.stream()
                        .map(n -> n + ": typeof " + n + " === 'undefined' ? undefined : " + n)
                        .reduce((a, b) -> a + ", " + b).orElseThrow()
                + "};\n})";
    }

    private static Source resource(String name) {
        try (InputStream in = JsEngine.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing worker resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "appserver:" + name).cached(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        engine.close();
    }
}
