package dev.appserver.worker.runtime;

/**
 * What one app invocation did with one event.
 *
 * @param status the kind of outcome
 * @param json the event returned by processEvent, as JSON (OK only; null for onEvent)
 * @param reason why it failed (FAILED only)
 */
public record EventOutcome(Status status, String json, String reason) {
    public enum Status {
        /** The invocation completed; for processEvent, {@code json} is the new event. */
        OK,
        /** processEvent returned a falsy value: the event is dropped and the chain stops. */
        DROPPED,
        /** The invocation threw, timed out or returned something that is not a valid event. */
        FAILED
    }

    static final EventOutcome OK_VOID = new EventOutcome(Status.OK, null, null);
    static final EventOutcome DROPPED = new EventOutcome(Status.DROPPED, null, null);

    static EventOutcome ok(String json) {
        return new EventOutcome(Status.OK, json, null);
    }

    static EventOutcome failed(String reason) {
        return new EventOutcome(Status.FAILED, null, reason);
    }
}
