package dev.appserver.orchestrator.trust;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pool's name, as flags, logs and the {@code pool} label of metrics spell it: {@code untrusted},
 * {@code verified}, or {@code team-<id>} for a tenant's dedicated pool.
 */
public record PoolName(String name) {
    public static final PoolName UNTRUSTED = new PoolName("untrusted");
    public static final PoolName VERIFIED = new PoolName("verified");
    private static final Pattern DEDICATED = Pattern.compile("team-([1-9][0-9]{0,17})");

    public PoolName {
        requireNonNull(name, "name is null");
        if (!name.equals("untrusted") && !name.equals("verified") && !DEDICATED.matcher(name).matches()) {
            throw new IllegalArgumentException("a pool is 'untrusted', 'verified' or 'team-<id>', not '" + name + "'");
        }
    }

    /** The pool dedicated to tenant {@code teamId}. */
    public static PoolName dedicated(long teamId) {
        if (teamId < 1) {
            throw new IllegalArgumentException("a team id is positive: " + teamId);
        }
        return new PoolName("team-" + teamId);
    }

    /** The tenant this pool is dedicated to; empty for the shared pools. */
    public Optional<Long> dedicatedTeam() {
        Matcher matcher = DEDICATED.matcher(name);
        return matcher.matches() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    @Override
    public String toString() {
        return name;
    }
}
