package dev.appserver.orchestrator.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules an app may import, checked at load time on the transpiled code so an app that
 * cannot work fails before it is installed, with PostHog's own message.
 *
 * <p>Security: this is an early, friendly check, not the boundary. It reads module names written
 * as string literals ({@code require("x")}, and {@code import("x")} should any be left); a name
 * built at run time is invisible here and is refused by the worker's {@code require}, which holds
 * the same list. A match inside a comment or string also counts, which errs on refusing.
 */
final class ImportAllowlist {
    /** Kept in step with the modules the sandbox worker provides. */
    static final Set<String> ALLOWED = Set.of(
            "@posthog/plugin-scaffold", "@posthog/plugin-contrib", "node-fetch", "crypto", "url", "zlib", "stream");

    /** {@code require(...)} or {@code import(...)} with one literal argument, not a method such as {@code a.require(...)}. */
    private static final Pattern MODULE_CALL =
            Pattern.compile("(?<![\\w$.])(?:require|import)\\s*\\(\\s*(['\"`])([^'\"`\\r\\n]*)\\1\\s*\\)");

    private ImportAllowlist() {}

    /** The module names {@code code} asks for, in order of appearance, repeats included. */
    static List<String> modulesRequiredBy(String code) {
        List<String> names = new ArrayList<>();
        Matcher matcher = MODULE_CALL.matcher(code);
        while (matcher.find()) {
            names.add(matcher.group(2));
        }
        return names;
    }

    /**
     * Fails when {@code code}, transpiled from the app's main file {@code fileName}, imports a
     * module outside {@link #ALLOWED} or another file of the app.
     */
    static void check(String appName, String fileName, String code) throws AppLoadException {
        for (String name : modulesRequiredBy(code)) {
            if (name.startsWith("./") || name.startsWith("../") || name.equals(".") || name.equals("..")) {
                // Apps are single files, as PostHog's were; bundling several files is not supported yet.
                throw new AppLoadException(appName, fileName + " imports '" + name
                        + "', another file of the app: only single-file apps are supported; bundle the app into "
                        + fileName);
            }
            if (!ALLOWED.contains(name)) {
                throw new AppLoadException(appName,
                        "Cannot import '" + name + "'! This package is not provided by this app server.");
            }
        }
    }
}
