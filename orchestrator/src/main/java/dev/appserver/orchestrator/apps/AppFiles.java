package dev.appserver.orchestrator.apps;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The files of one app, held in memory: relative name ({@code /}-separated, no {@code ./} or
 * {@code ..} segments) to contents.
 *
 * <p>Immutable as far as the map goes; the byte arrays are shared, not copied, so callers must not
 * modify them. Equality is by identity of those arrays, as for any record holding arrays.
 */
public record AppFiles(Map<String, byte[]> files) {
    public AppFiles {
        requireNonNull(files, "files is null");
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    public Optional<byte[]> get(String name) {
        return Optional.ofNullable(files.get(name));
    }

    public boolean contains(String name) {
        return files.containsKey(name);
    }

    public long totalBytes() {
        return files.values().stream().mapToLong(contents -> contents.length).sum();
    }
}
