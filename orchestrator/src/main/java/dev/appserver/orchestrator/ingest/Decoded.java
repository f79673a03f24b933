package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

/** What an input message decoded into: an event, or the reason it is not one. */
sealed interface Decoded {
    /** A usable event. */
    record Event(InputEvent event) implements Decoded {
        public Event {
            requireNonNull(event, "event is null");
        }
    }

    /** A message that is not an event; it goes to the dead-letter topic with {@code reason}. */
    record Rejected(String reason) implements Decoded {
        public Rejected {
            requireNonNull(reason, "reason is null");
        }
    }
}
