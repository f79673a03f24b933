package dev.appserver.orchestrator.apps;

/**
 * Turns an app's main file, in any form an app may be written in (ESM, CommonJS, plain script,
 * TypeScript), into CommonJS code for a sandbox worker to evaluate.
 *
 * <p>Implementations are thread-safe.
 */
public interface Transpiler {
    /**
     * Returns the code to run for {@code source}, the contents of the app's main file.
     *
     * @param appName the app's display name, used only in error messages
     * @param fileName the main file's name inside the app, e.g. {@code index.js}
     * @throws AppLoadException when the source does not parse; the message is
     *     {@code <app name>: SyntaxError: <message> (<file>:<line>:<column>)}
     */
    String transpile(String appName, String fileName, String source) throws AppLoadException;
}
