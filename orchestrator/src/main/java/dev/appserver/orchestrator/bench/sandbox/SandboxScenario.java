package dev.appserver.orchestrator.bench.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * One sandbox benchmark: a chain of the bundled bench apps ({@code bench-apps/} on the class
 * path) that every event goes through.
 *
 * @param name what {@code --scenario} calls it
 * @param description one line for the report
 * @param apps the bundled apps, in chain order
 */
record SandboxScenario(String name, String description, List<String> apps) {
    static final List<SandboxScenario> ALL = List.of(
            new SandboxScenario("one-app", "one app: Hello World, the app of conformance case 01", List.of("hello-world")),
            new SandboxScenario("chain-2", "2-app chain: the apps of conformance case 14", List.of("app-a", "app-b")),
            new SandboxScenario("chain-3", "3-app chain: case 14's apps and a third like them", List.of("app-a", "app-b", "app-c")),
            new SandboxScenario("cpu-heavy", "one CPU-heavy app: 200 rounds of FNV-1a over the properties", List.of("cpu-heavy")));

    static Optional<SandboxScenario> named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
