package dev.appserver.orchestrator.limits;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One cgroup file system mount, read from {@code /proc/self/mountinfo}.
 *
 * @param root the group of the hierarchy that is mounted (usually {@code /})
 * @param mountPoint where it is mounted
 * @param unified cgroup v2 (type {@code cgroup2}) rather than a v1 hierarchy
 * @param superOptions the v1 hierarchy's options, which name its controllers ({@code rw,memory})
 */
record CgroupMount(String root, Path mountPoint, boolean unified, Set<String> superOptions) {
    CgroupMount {
        requireNonNull(root, "root is null");
        requireNonNull(mountPoint, "mountPoint is null");
        superOptions = Set.copyOf(superOptions);
    }

    /** The cgroup mounts in a {@code mountinfo} text, in its order; other lines are skipped. */
    static List<CgroupMount> parse(String mountinfo) {
        List<CgroupMount> mounts = new ArrayList<>();
        for (String line : mountinfo.split("\n")) {
            // id parent major:minor root mount-point options [optional fields...] - type source super-options
            List<String> fields = Arrays.asList(line.strip().split(" "));
            int separator = fields.indexOf("-");
            if (separator < 6 || fields.size() < separator + 4) {
                continue;
            }
            String type = fields.get(separator + 1);
            if (type.equals("cgroup") || type.equals("cgroup2")) {
                mounts.add(new CgroupMount(unescape(fields.get(3)), Path.of(unescape(fields.get(4))),
                        type.equals("cgroup2"), Set.of(fields.get(separator + 3).split(","))));
            }
        }
        return mounts;
    }

    /** Whether this v1 hierarchy carries {@code controller}. */
    boolean carries(String controller) {
        return !unified && superOptions.contains(controller);
    }

    /** The directory of group {@code path} (as {@code /proc/self/cgroup} names it), if this mount shows it. */
    Optional<Path> directoryOf(String path) {
        String relative;
        if (root.equals("/")) {
            relative = path;
        } else if (path.equals(root) || path.startsWith(root + "/")) {
            relative = path.substring(root.length());
        } else {
            return Optional.empty();
        }
        String inside = relative.replaceFirst("^/+", "");
        return Optional.of(inside.isEmpty() ? mountPoint : mountPoint.resolve(inside));
    }

    /** mountinfo escapes space, tab, newline and backslash as octal ({@code \040}). */
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
