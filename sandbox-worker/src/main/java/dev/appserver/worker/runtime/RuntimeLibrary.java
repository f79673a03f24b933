package dev.appserver.worker.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * The JavaScript runtime library every app context gets: Node-compatible globals ({@code
 * Buffer}, {@code TextEncoder}, {@code TextDecoder}, {@code URL}, {@code URLSearchParams},
 * {@code atob}, {@code btoa}) and the built-in modules apps may require ({@code crypto},
 * {@code url}, {@code zlib}, {@code stream}).
 *
 * <p>The library is the files of {@link #FILES} under {@code lib/}, each one JS expression
 * evaluating to {@code (library, natives) => ({globals, modules})}. They are read and turned into
 * {@link Source}s once per JVM; since a shared Engine caches parsed code per Source, contexts
 * after the first one only evaluate each file to its factory, they do not parse it again.
 * {@code install.js} links them into a context lazily: a group of files runs on the first use of
 * one of its globals or modules, so an idle app context holds only what its app used (its table
 * says which file provides what). It also removes the GraalJS extras apps must not see.
 *
 * <p>Holds only immutable static state. {@link #install} runs guest code, so it must be called
 * by the thread using the context, before any app code runs in it.
 */
final class RuntimeLibrary {
    /**
     * The library files in evaluation order, a constant rather than a classpath scan so the
     * security review of what apps get reads one list; a file may use globals of earlier ones.
     */
    static final List<String> FILES = List.of(
            "10-buffer.js",
            "11-buffer-numbers.js",
            "20-text.js",
            "30-url.js",
            "31-url-legacy.js",
            "40-crypto.js",
            "50-zlib.js",
            "60-stream.js");

    private static final Source INSTALLER = load("install.js");
    private static final List<Source> LIBRARY = FILES.stream().map(file -> load("lib/" + file)).toList();
    private static final Natives NATIVES = new Natives();

    private RuntimeLibrary() {}

    /**
     * Installs the library into a fresh context: defines the globals on {@code globalThis}
     * (non-enumerable, configurable; accessors that build on first read, then writable data
     * properties) and deletes {@code print}, {@code load}, {@code Graal}, {@code console} and the
     * other engine extras.
     *
     * @return a frozen JS object {@code {modules, globals}}: {@code modules} maps each built-in
     *     module name to a zero-argument function that builds the module on first call and returns
     *     the same object on later calls; {@code globals} has a getter per library global that
     *     gives the library's own value, whatever the app has assigned to the global since
     */
    static Value install(Context context) {
        Object[] arguments = new Object[2 * LIBRARY.size() + 1];
        arguments[0] = NATIVES;
        for (int i = 0; i < LIBRARY.size(); i++) {
            arguments[2 * i + 1] = FILES.get(i);
            arguments[2 * i + 2] = context.eval(LIBRARY.get(i));
        }
        return context.eval(INSTALLER).execute(arguments);
    }

    private static Source load(String file) {
        try (InputStream in = RuntimeLibrary.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("runtime library file missing from the class path: " + file);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "appserver/runtime/" + file).cached(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read runtime library file " + file, e);
        }
    }
}
