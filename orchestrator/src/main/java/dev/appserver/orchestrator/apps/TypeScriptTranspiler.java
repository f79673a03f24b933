package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@link Transpiler} that sends every main file through the TypeScript compiler, as PostHog's
 * loader did: TypeScript syntax is accepted in {@code .js} files too, and ESM, CommonJS and
 * plain scripts all come out as CommonJS ({@code require}, {@code exports}, {@code module}).
 * A plain script with top-level functions and no exports stays a script.
 *
 * <p>Results are cached by content ({@link TranspileCache}), keyed by the SHA-256 of the
 * compiler's identity (version and options), the file name and the source; a cache hit never
 * starts the compiler. Syntax errors are not cached.
 *
 * <p>Thread-safe. {@link #close} releases the compiler's GraalJS context.
 */
public final class TypeScriptTranspiler implements Transpiler, AutoCloseable {
    private final ModuleCompiler compiler;
    private final TranspileCache cache;

    /** @param cacheDirectory where transpiled code is kept between runs; created when needed */
    public TypeScriptTranspiler(Path cacheDirectory) {
        this(new GraalTypeScriptCompiler(), cacheDirectory);
    }

    /** {@code $XDG_CACHE_HOME/appserver/transpiled}, else {@code ~/.cache/appserver/transpiled}. */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("appserver").resolve("transpiled");
    }

    TypeScriptTranspiler(ModuleCompiler compiler, Path cacheDirectory) {
        this.compiler = requireNonNull(compiler, "compiler is null");
        this.cache = new TranspileCache(requireNonNull(cacheDirectory, "cacheDirectory is null"));
    }

    @Override
    public String transpile(String appName, String fileName, String source) throws AppLoadException {
        String compilerFileName = asTypeScript(fileName);
        String key = Sha256.hex(compiler.identity(), compilerFileName, source);
        Optional<String> cached = cache.get(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        ModuleCompiler.Output output;
        try {
            output = compiler.compile(compilerFileName, source);
        } catch (RuntimeException e) {
            throw new AppLoadException(appName, "the TypeScript compiler failed on " + fileName + ": " + e.getMessage(), e);
        }
        if (!output.errors().isEmpty()) {
            ModuleCompiler.Problem first = output.errors().getFirst();
            throw new AppLoadException(appName, "SyntaxError: " + first.message()
                    + " (" + fileName + ":" + first.line() + ":" + first.column() + ")");
        }
        cache.put(key, output.code());
        return output.code();
    }

    @Override
    public void close() {
        compiler.close();
    }

    /**
     * The name the compiler sees: {@code index.js} becomes {@code index.ts} so TypeScript syntax
     * parses in any main file. {@code .tsx} stays, since JSX changes how {@code <} parses.
     */
    static String asTypeScript(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".ts") || lower.endsWith(".tsx")) {
            return fileName;
        }
        int slash = fileName.lastIndexOf('/');
        int dot = fileName.lastIndexOf('.');
        return (dot > slash ? fileName.substring(0, dot) : fileName) + ".ts";
    }
}
