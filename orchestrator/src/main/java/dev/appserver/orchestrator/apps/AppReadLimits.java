package dev.appserver.orchestrator.apps;

/**
 * Caps applied while reading an app, so a hostile directory or archive (a zip or gzip bomb, a
 * million empty entries) fails fast instead of exhausting the orchestrator's memory.
 *
 * @param maxTotalBytes the most file content an app may hold, uncompressed, in bytes; for tar
 *     archives the skipped entries count too, since they must be decompressed to be skipped
 * @param maxEntries the most entries (files, directories, links, skipped ones included) an app
 *     directory or archive may hold
 */
record AppReadLimits(long maxTotalBytes, int maxEntries) {
    /** 50 MiB and 10,000 entries: PostHog's largest public apps are a few hundred KiB. */
    static final AppReadLimits DEFAULT = new AppReadLimits(50L * 1024 * 1024, 10_000);

    AppReadLimits {
        if (maxTotalBytes <= 0 || maxTotalBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxTotalBytes out of range: " + maxTotalBytes);
        }
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be positive: " + maxEntries);
        }
    }
}
