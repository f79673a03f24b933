package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gathers the files of one app while a directory or archive is read, enforcing
 * {@link AppReadLimits} as bytes arrive (declared sizes are never trusted) and refusing duplicate
 * names. Archive links are recorded and resolved to the files they name in {@link #finish}.
 *
 * <p>Single use, not thread-safe: one collector per read.
 */
final class AppFileCollector {
    private final String app;
    private final AppReadLimits limits;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Map<String, String> links = new LinkedHashMap<>();
    private long totalBytes;
    private int entries;

    AppFileCollector(String app, AppReadLimits limits) {
        this.app = requireNonNull(app, "app is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Counts one entry of any kind and returns its canonical name, or empty when the entry is to
     * be skipped (the root, or under an ignored folder such as {@code __MACOSX/}).
     */
    Optional<String> accept(String rawName) throws AppLoadException {
        if (++entries > limits.maxEntries()) {
            throw new AppLoadException(app, "more than " + limits.maxEntries() + " entries");
        }
        try {
            return EntryNames.normalize(rawName);
        } catch (IllegalArgumentException e) {
            throw new AppLoadException(app, e.getMessage());
        }
    }

    /** Counts bytes that had to be read without being kept (a skipped tar entry). */
    void countSkipped(long bytes) throws AppLoadException {
        addToTotal(Math.max(0, bytes));
    }

    void addFile(String name, InputStream contents) throws AppLoadException, IOException {
        ensureNew(name);
        long remaining = limits.maxTotalBytes() - totalBytes;
        byte[] bytes = contents.readNBytes((int) Math.min(remaining + 1, Integer.MAX_VALUE - 8));
        addToTotal(bytes.length);
        files.put(name, bytes);
    }

    /**
     * Records that {@code name} has the contents of the file {@code target} names, read relative
     * to {@code folder} (see {@link EntryNames#resolveLink}).
     */
    void addLink(String name, String folder, String target) throws AppLoadException {
        ensureNew(name);
        try {
            links.put(name, EntryNames.resolveLink(name, folder, target));
        } catch (IllegalArgumentException e) {
            throw new AppLoadException(app, e.getMessage());
        }
    }

    /** Refuses an archive file larger than the uncompressed limit before it is parsed. */
    void checkArchiveSize(long archiveBytes) throws AppLoadException {
        if (archiveBytes > limits.maxTotalBytes()) {
            throw new AppLoadException(app, "larger than " + describe(limits.maxTotalBytes()));
        }
    }

    /**
     * Resolves links, then strips a single top-level folder shared by every file when asked to
     * (npm's {@code package/}, GitHub's {@code repo-main/}).
     */
    AppFiles finish(boolean stripSingleTopFolder) throws AppLoadException {
        Map<String, byte[]> resolved = new HashMap<>(files);
        for (Map.Entry<String, String> link : links.entrySet()) {
            byte[] target = files.get(link.getValue());
            if (target == null) {
                throw new AppLoadException(app, "'" + link.getKey() + "' links to '" + link.getValue()
                        + "', which is not a file in the archive");
            }
            addToTotal(target.length);
            resolved.put(link.getKey(), target);
        }
        return new AppFiles(stripSingleTopFolder ? stripTopFolder(resolved) : resolved);
    }

    private static Map<String, byte[]> stripTopFolder(Map<String, byte[]> named) {
        String top = null;
        for (String name : named.keySet()) {
            int slash = name.indexOf('/');
            if (slash < 0 || (top != null && !top.equals(name.substring(0, slash)))) {
                return named;
            }
            top = name.substring(0, slash);
        }
        if (top == null) {
            return named;
        }
        Map<String, byte[]> stripped = new HashMap<>();
        int prefix = top.length() + 1;
        named.forEach((name, contents) -> stripped.put(name.substring(prefix), contents));
        return stripped;
    }

    private void ensureNew(String name) throws AppLoadException {
        if (files.containsKey(name) || links.containsKey(name)) {
            throw new AppLoadException(app, "'" + name + "' appears more than once");
        }
    }

    private void addToTotal(long bytes) throws AppLoadException {
        totalBytes += bytes;
        if (totalBytes > limits.maxTotalBytes()) {
            throw new AppLoadException(app, "larger than " + describe(limits.maxTotalBytes()) + " uncompressed");
        }
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }
}
