package dev.appserver.orchestrator.hostservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AppStorage} does, run against each implementation by a subclass that supplies
 * an empty storage in which app configs 1 and 2 exist.
 */
public abstract class AppStorageContract {
    private static final String NOT_AN_INTEGER = "cursor 'c' does not hold an integer, or the increment takes it out of range";

    /** Counts what it is charged; refuses everything once {@link #refusing}. */
    private final Ledger ledger = new Ledger();
    private AppStorage storage;

    /** An empty storage where app configs 1 and 2 exist. */
    protected abstract AppStorage newStorage() throws Exception;

    @BeforeEach
    void createStorage() throws Exception {
        storage = newStorage();
    }

    @Test
    void storesJsonTextsAsGivenKeyOrderIncluded() {
        String value = "{\"zebra\":1,\"apple\":[1,2.5,{\"y\":null,\"x\":\"\u00e9\"}],\"mango\":true}";

        storage.set(1, "k", value, ledger);
        storage.set(1, "list", "[3,1,2]", ledger);

        assertThat(storage.get(1, "k")).contains(value);
        assertThat(storage.get(1, "list")).contains("[3,1,2]");
    }

    @Test
    void aStoredNullIsPresentAndAMissingKeyIsNot() {
        storage.set(1, "null", "null", ledger);

        assertThat(storage.get(1, "null")).contains("null");
        assertThat(storage.get(1, "missing")).isEmpty();
    }

    @Test
    void eachAppConfigHasItsOwnKeys() {
        storage.set(1, "k", "\"one\"", ledger);
        storage.set(2, "k", "\"two\"", ledger);
        storage.delete(2, "k");

        assertThat(storage.get(1, "k")).contains("\"one\"");
        assertThat(storage.get(2, "k")).isEmpty();
    }

    @Test
    void setChargesTheChangeInStoredBytesOfKeyAndValueInUtf8() {
        storage.set(1, "k\u00e9", "\"123456789\"", ledger);  // 3 + 11 bytes
        assertThat(ledger.total()).isEqualTo(14);

        storage.set(1, "k\u00e9", "\"\u20ac\"", ledger);  // 3 + 5: 6 fewer
        assertThat(ledger.charges).containsExactly(14L, -6L);

        storage.set(1, "k\u00e9", "\"\u20ac\"", ledger);
        assertThat(ledger.total()).isEqualTo(8);
        assertThat(storage.delete(1, "k\u00e9")).as("released").isEqualTo(8);
        assertThat(storage.delete(1, "k\u00e9")).as("nothing left to release").isZero();
    }

    @Test
    void aRefusedSetLeavesWhatWasStored() {
        storage.set(1, "old", "1", ledger);
        ledger.refusing = true;

        assertThatThrownBy(() -> storage.set(1, "old", "\"longer\"", ledger)).isSameAs(ledger.refusal);
        assertThatThrownBy(() -> storage.set(1, "new", "2", ledger)).isSameAs(ledger.refusal);

        assertThat(storage.get(1, "old")).contains("1");
        assertThat(storage.get(1, "new")).isEmpty();
        assertThat(ledger.total()).isEqualTo(4);
    }

    @Test
    void concurrentSetsOfOneKeyAreEachChargedAgainstTheValueTheyReplaced() throws Exception {
        int writers = 6;
        List<Future<?>> done = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                String value = "\"" + "x".repeat(i * 10) + "\"";
                done.add(threads.submit(() -> {
                    start.await();
                    for (int round = 0; round < 20; round++) {
                        storage.set(1, "contended", value, ledger);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }

        String stored = storage.get(1, "contended").orElseThrow();
        assertThat(ledger.total()).isEqualTo(AppStorage.storedBytes("contended", stored));
    }

    @Test
    void initCursorStoresTheInitialValueOnceAndGetReadsIt() {
        storage.initCursor(1, "c", 5, ledger);
        storage.initCursor(1, "c", 100, ledger);
        storage.set(1, "value", "\"text\"", ledger);
        storage.initCursor(1, "value", 7, ledger);

        assertThat(storage.get(1, "c")).contains("5");
        assertThat(storage.get(1, "value")).as("a key holding anything is left alone").contains("\"text\"");
        assertThat(ledger.total()).isEqualTo(AppStorage.storedBytes("c", "5") + AppStorage.storedBytes("value", "\"text\""));
    }

    @Test
    void incrementCursorAddsToAMissingKeyOrAStoredInteger() {
        assertThat(storage.incrementCursor(1, "c", 3, ledger)).isEqualTo(3);
        assertThat(storage.incrementCursor(1, "c", 7, ledger)).isEqualTo(10);
        assertThat(storage.incrementCursor(1, "c", -20, ledger)).isEqualTo(-10);
        storage.set(1, "n", "41", ledger);
        assertThat(storage.incrementCursor(1, "n", 1, ledger)).isEqualTo(42);

        assertThat(storage.get(1, "c")).contains("-10");
        assertThat(storage.get(2, "c")).isEmpty();
        assertThat(ledger.total()).isEqualTo(AppStorage.storedBytes("c", "-10") + AppStorage.storedBytes("n", "42"));
    }

    @Test
    void incrementCursorFailsOnAValueThatIsNotAnIntegerAndChangesNothing() {
        for (String value : List.of("\"c\"", "1.5", "null", "{}", Long.toString(Long.MAX_VALUE))) {
            storage.set(1, "c", value, ledger);

            assertThatThrownBy(() -> storage.incrementCursor(1, "c", 1, ledger)).as(value)
                    .isInstanceOf(IllegalStateException.class).hasMessage(NOT_AN_INTEGER);
            assertThat(storage.get(1, "c")).contains(value);
        }
    }

    @Test
    void aRefusedCursorWriteChangesNothing() {
        storage.incrementCursor(1, "c", 9, ledger);
        ledger.refusing = true;

        assertThatThrownBy(() -> storage.incrementCursor(1, "c", 1, ledger)).isSameAs(ledger.refusal);
        assertThatThrownBy(() -> storage.initCursor(1, "other", 1, ledger)).isSameAs(ledger.refusal);
        assertThatThrownBy(() -> storage.incrementCursor(1, "new", 1, ledger)).isSameAs(ledger.refusal);

        assertThat(storage.get(1, "c")).contains("9");
        assertThat(storage.get(1, "other")).isEmpty();
        assertThat(storage.get(1, "new")).isEmpty();
    }

    @Test
    void concurrentIncrementsOfOneCursorEachSeeTheirOwnValue() throws Exception {
        int threadCount = 8;
        int each = 25;
        List<Long> seen = new CopyOnWriteArrayList<>();
        List<Future<?>> done = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(threadCount)) {
            for (int i = 0; i < threadCount; i++) {
                done.add(threads.submit(() -> {
                    start.await();
                    for (int n = 0; n < each; n++) {
                        seen.add(storage.incrementCursor(1, "c", 1, ledger));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> incrementer : done) {
                incrementer.get(60, TimeUnit.SECONDS);
            }
        }

        int total = threadCount * each;
        assertThat(seen).hasSize(total).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).isBetween(1L, (long) total));
        assertThat(storage.get(1, "c")).contains(Integer.toString(total));
        assertThat(ledger.total()).isEqualTo(AppStorage.storedBytes("c", Integer.toString(total)));
    }

    /** A {@link StorageCharge} that records what it accepts. */
    private static final class Ledger implements StorageCharge {
        final List<Long> charges = new CopyOnWriteArrayList<>();
        final IllegalStateException refusal = new IllegalStateException("refused by the test");
        private final AtomicLong sum = new AtomicLong();
        volatile boolean refusing;

        @Override
        public void charge(long deltaBytes) {
            if (refusing && deltaBytes > 0) {
                throw refusal;
            }
            if (deltaBytes != 0) {
                charges.add(deltaBytes);
                sum.addAndGet(deltaBytes);
            }
        }

        long total() {
            return sum.get();
        }
    }
}
