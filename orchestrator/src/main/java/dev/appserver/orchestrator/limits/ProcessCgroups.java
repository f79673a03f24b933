package dev.appserver.orchestrator.limits;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The groups a process is in, read from {@code /proc/<pid>/cgroup}: its cgroup v2 group (line
 * {@code 0::/path}) and its group in each v1 hierarchy ({@code 4:memory:/path}).
 */
record ProcessCgroups(Optional<String> unified, Map<String, String> byController) {
    ProcessCgroups {
        byController = Map.copyOf(byController);
    }

    static ProcessCgroups parse(String text) {
        Optional<String> unified = Optional.empty();
        Map<String, String> byController = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] parts = line.strip().split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            // A v2 group may be shown as deleted while the process is being moved.
            String path = parts[2].replace(" (deleted)", "");
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                unified = Optional.of(path);
            } else {
                for (String controller : parts[1].split(",")) {
                    byController.put(controller, path);
                }
            }
        }
        return new ProcessCgroups(unified, byController);
    }

    /** The v1 group of {@code controller}, if it has a hierarchy. */
    Optional<String> of(String controller) {
        return Optional.ofNullable(byController.get(controller));
    }
}
