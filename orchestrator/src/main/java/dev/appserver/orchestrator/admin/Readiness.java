package dev.appserver.orchestrator.admin;

import java.util.List;

/** Tells {@code GET /_ready} which components are not ready yet. Called on request threads. */
@FunctionalInterface
public interface Readiness {
    /** The names of the components that are not ready ({@code kafka}, {@code postgres}, ...); empty when all are. */
    List<String> notReady();
}
