package dev.appserver.orchestrator.hostservices;

/**
 * What one write to an {@link AppStorage} costs, settled inside the write: the storage calls it
 * once it knows the entry it replaces, before the write is final, with the change in stored bytes
 * ({@link AppStorage#storedBytes}; negative when the entry shrinks). Throwing refuses the change:
 * the write is undone and the exception reaches the writer. A storage whose write fails after the
 * charge was accepted charges the opposite amount, so the charge is final exactly when the write
 * is.
 */
@FunctionalInterface
public interface StorageCharge {
    /** Accepts every change. */
    StorageCharge FREE = deltaBytes -> { };

    void charge(long deltaBytes);
}
