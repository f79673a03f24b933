package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

import java.io.IOException;

/**
 * The groups of one worker pool among several sharing the same {@link Cgroups}: every name gets
 * the pool's prefix, so two pools' workers (each naming its own {@code worker-0-1}) never ask for
 * the same group. Closing it does nothing: the shared {@link Cgroups} belongs to its opener.
 */
public final class PrefixedCgroups implements Cgroups {
    private final Cgroups shared;
    private final String prefix;

    public PrefixedCgroups(Cgroups shared, String prefix) {
        this.shared = requireNonNull(shared, "shared is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    @Override
    public WorkerCgroup create(String name, CgroupLimits limits) throws IOException {
        return shared.create(prefix + name, limits);
    }

    @Override
    public String description() {
        return shared.description();
    }

    @Override
    public void close() {
        // The shared groups' parent is closed by whoever opened it.
    }
}
