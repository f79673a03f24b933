package dev.appserver.orchestrator.apps;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs the TypeScript compiler from the {@code org.webjars.npm:typescript} jar in a GraalJS
 * context and calls {@code ts.transpileModule} (syntax only, no type checking).
 *
 * <p>Lifecycle: the engine and context are created on the first {@link #compile} (loading the
 * 9 MB compiler takes seconds) and kept until {@link #close}. Thread-safe: a GraalJS context runs
 * one thread at a time, so calls are serialized.
 *
 * <p>Security: the compiler is trusted code and the app source is only a string argument to it;
 * the context is still built with the CONSTRAINED sandbox policy (no host access, no IO, no
 * threads, output discarded), so a compiler bug cannot reach the orchestrator.
 */
final class GraalTypeScriptCompiler implements ModuleCompiler {
    private static final String WEBJAR = "META-INF/resources/webjars/typescript/";
    private static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/typescript/pom.properties";

    /** Everything that shapes the output, so it is also part of {@link #identity()}. */
    private static final String TRANSPILE_FUNCTION = """
            (function (source, fileName) {
              const result = ts.transpileModule(source, {
                fileName,
                reportDiagnostics: true,
                compilerOptions: {
                  target: ts.ScriptTarget.ES2022,
                  module: ts.ModuleKind.CommonJS,
                  esModuleInterop: true,
                },
              });
              const errors = (result.diagnostics || [])
                .filter((d) => d.category === ts.DiagnosticCategory.Error)
                .map((d) => {
                  const at = d.file && d.start !== undefined
                    ? d.file.getLineAndCharacterOfPosition(d.start)
                    : { line: 0, character: 0 };
                  return [ts.flattenDiagnosticMessageText(d.messageText, ' '), at.line + 1, at.character + 1];
                });
              return { code: result.outputText, errors };
            })
            """;

    private final String version;
    private Engine engine;
    private Context context;
    private Value transpile;

    GraalTypeScriptCompiler() {
        this.version = bundledVersion();
    }

    @Override
    public String identity() {
        return "typescript " + version + "\n" + TRANSPILE_FUNCTION;
    }

    @Override
    public synchronized Output compile(String fileName, String source) {
        try {
            Value result = transpileFunction().execute(source, fileName);
            Value errors = result.getMember("errors");
            List<Problem> problems = new ArrayList<>();
            for (long i = 0; i < errors.getArraySize(); i++) {
                Value error = errors.getArrayElement(i);
                problems.add(new Problem(error.getArrayElement(0).asString(),
                        error.getArrayElement(1).asInt(), error.getArrayElement(2).asInt()));
            }
            return new Output(result.getMember("code").asString(), problems);
        } catch (PolyglotException e) {
            if (e.isInternalError() || e.isResourceExhausted() || e.isCancelled()) {
                close(); // the context may be unusable; the next call builds a fresh one
            }
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (context != null) {
            context.close(true);
            engine.close(true);
        }
        context = null;
        engine = null;
        transpile = null;
    }

    private Value transpileFunction() {
        if (transpile == null) {
            engine = Engine.newBuilder("js")
                    .sandbox(SandboxPolicy.CONSTRAINED)
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .build();
            context = Context.newBuilder("js")
                    .engine(engine)
                    .sandbox(SandboxPolicy.CONSTRAINED)
                    .out(OutputStream.nullOutputStream())
                    .err(OutputStream.nullOutputStream())
                    .build();
            context.eval(compilerSource());
            transpile = context.eval("js", TRANSPILE_FUNCTION);
        }
        return transpile;
    }

    private Source compilerSource() {
        String resource = WEBJAR + version + "/lib/typescript.js";
        try (Reader reader = new InputStreamReader(open(resource), StandardCharsets.UTF_8)) {
            return Source.newBuilder("js", reader, "typescript.js").build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The version of the TypeScript webjar on the class path, which names its resource folder. */
    private static String bundledVersion() {
        try (InputStream in = open(POM_PROPERTIES)) {
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version");
            if (version == null) {
                throw new IllegalStateException(POM_PROPERTIES + " has no version");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = GraalTypeScriptCompiler.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException(resource + " is not on the class path (org.webjars.npm:typescript)");
        }
        return in;
    }
}
