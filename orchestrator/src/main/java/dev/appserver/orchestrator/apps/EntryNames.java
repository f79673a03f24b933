package dev.appserver.orchestrator.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The naming rules for files inside an app: turns a raw name from a directory walk or an archive
 * entry into the canonical relative name, refusing names that would escape the app.
 *
 * <p>Security: this is the one place that decides whether a name is inside the app. Names are
 * only ever used as map keys (nothing is extracted to disk), but the same names reach attachments
 * and error messages, so absolute and {@code ..} names are refused rather than cleaned up.
 */
final class EntryNames {
    /** Folders and files that archivers and editors add and that never belong to an app. */
    private static final Set<String> IGNORED_SEGMENTS = Set.of("__MACOSX", ".git", "node_modules", ".DS_Store");

    private EntryNames() {}

    /**
     * Returns the canonical name: {@code \} read as {@code /}, empty and {@code .} segments
     * dropped. Empty when the name is the root itself or lies under an ignored folder.
     *
     * @throws IllegalArgumentException with a readable reason when the name is absolute or has a
     *     {@code ..} segment
     */
    static Optional<String> normalize(String rawName) {
        String name = rawName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("absolute file name '" + rawName + "' is not allowed");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("file name '" + rawName + "' leads outside the app");
            }
            if (IGNORED_SEGMENTS.contains(segment)) {
                return Optional.empty();
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(String.join("/", segments));
    }

    /**
     * Resolves an archive link's target against {@code folder} (the folder holding a symbolic
     * link, or the archive root for a hard link; canonical, empty or ending in {@code /}).
     *
     * @throws IllegalArgumentException when the target is absolute or climbs out of the app
     */
    static String resolveLink(String linkName, String folder, String target) {
        String slashed = target.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("'" + linkName + "' links to absolute path '" + target + "'");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : (folder + slashed).split("/")) {
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new IllegalArgumentException("'" + linkName + "' links to '" + target + "', outside the app");
                }
                segments.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /** The folder part of a canonical name, ending in {@code /}, or empty at the root. */
    static String folderOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }
}
