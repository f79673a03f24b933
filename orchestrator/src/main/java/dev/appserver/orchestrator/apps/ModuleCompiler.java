package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The compiler behind {@link TypeScriptTranspiler}: turns one source file into CommonJS.
 * Implementations are thread-safe; {@link #close} releases what they hold.
 */
interface ModuleCompiler extends AutoCloseable {
    /** Names the compiler, its version and its options; part of every cache key. */
    String identity();

    /**
     * Compiles {@code source} as the file {@code fileName}, whose extension chooses the dialect.
     *
     * @throws RuntimeException when the compiler itself fails (not for errors in the source)
     */
    Output compile(String fileName, String source);

    @Override
    void close();

    /** The compiled code and the error-category diagnostics; the code is unusable if there are any. */
    record Output(String code, List<Problem> errors) {
        public Output {
            requireNonNull(code, "code is null");
            errors = List.copyOf(requireNonNull(errors, "errors is null"));
        }
    }

    /** A diagnostic at a 1-based line and column of the source. */
    record Problem(String message, int line, int column) {
        public Problem {
            requireNonNull(message, "message is null");
        }
    }
}
