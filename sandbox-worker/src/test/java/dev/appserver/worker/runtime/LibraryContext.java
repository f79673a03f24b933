package dev.appserver.worker.runtime;

import org.assertj.core.api.SoftAssertions;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * A constrained GraalJS context with the runtime library installed, built exactly as app contexts
 * are, plus a {@code require(name)} global over the library's modules, as the app loader provides
 * it. For tests: evaluates snippets and returns their results. Not thread-safe, like a context.
 */
final class LibraryContext implements AutoCloseable {
    private final Context context = newContext();
    private final Value modules;

    LibraryContext() {
        modules = RuntimeLibrary.install(context).getMember("modules");
        context.eval("js", "(modules) => { globalThis.require = (name) => modules[name](); }").execute(modules);
    }

    /** A fresh app context on the tests' shared engine, built by the worker's own factory. */
    static Context newContext() {
        return TestRuntime.ENGINE.newContext();
    }

    /** The {@code modules} of what {@link RuntimeLibrary#install} returned. */
    Value modules() {
        return modules;
    }

    /**
     * Evaluates a script; promise jobs it queued (zlib and crypto callbacks, stream events) have
     * run by the time this returns, as GraalJS drains them after each top-level evaluation.
     */
    Value eval(String script) {
        return context.eval("js", script);
    }

    String string(String script) {
        return eval(script).asString();
    }

    /** Evaluates an expression and returns {@code JSON.stringify} of its value. */
    String json(String expression) {
        return eval("JSON.stringify(" + expression + ")").asString();
    }

    /**
     * Checks each {expression, expected JSON} pair, reporting every mismatch at once; the expected
     * values in the tests were produced by Node 20 ({@code node -e}) unless a test says otherwise.
     */
    void assertJson(String[][] expectations) {
        SoftAssertions softly = new SoftAssertions();
        for (String[] expectation : expectations) {
            softly.assertThat(json(expectation[0])).as(expectation[0]).isEqualTo(expectation[1]);
        }
        softly.assertAll();
    }

    /** Checks each {script, "name code: message"} pair: the script must throw exactly that. */
    void assertErrors(String[][] expectations) {
        SoftAssertions softly = new SoftAssertions();
        for (String[] expectation : expectations) {
            softly.assertThat(error(expectation[0])).as(expectation[0]).isEqualTo(expectation[1]);
        }
        softly.assertAll();
    }

    /** Evaluates a script that must throw, and returns "name code: message" of what it threw. */
    String error(String script) {
        return string("(() => { try { " + script + "; return 'no error'; } catch (e) { "
                + "return e.name + ' ' + e.code + ': ' + e.message; } })()");
    }

    @Override
    public void close() {
        context.close();
    }
}
