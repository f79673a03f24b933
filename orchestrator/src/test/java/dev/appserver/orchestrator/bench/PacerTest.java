package dev.appserver.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {
    private static final long MILLI = 1_000_000;

    /** A clock that moves only when the pacer parks (by what it asks, plus an oversleep) or a send takes time. */
    private static final class FakeTime {
        long now = 5_000 * MILLI;
        long oversleep;
        int parks;

        void park(long nanos) {
            parks++;
            now += nanos + oversleep;
        }
    }

    private final FakeTime time = new FakeTime();

    @Test
    void eventsAreDueOnAnAbsoluteScheduleAtTheRate() {
        Pacer pacer = Pacer.perSecond(1000, () -> time.now, time::park);

        assertThat(pacer.dueAfter(0)).isZero();
        assertThat(pacer.dueAfter(1)).isEqualTo(MILLI);
        assertThat(pacer.dueAfter(1500)).isEqualTo(1500 * MILLI);
        assertThat(Pacer.perSecond(0.5, () -> 0, nanos -> {}).dueAfter(3)).isEqualTo(6_000 * MILLI);
        assertThat(Pacer.perSecond(3, () -> 0, nanos -> {}).dueAfter(1)).isEqualTo(333_333_334);
    }

    @Test
    void sendsEachEventNoEarlierThanItIsDue() {
        Pacer pacer = Pacer.perSecond(1000, () -> time.now, time::park);
        long start = time.now;
        List<Long> sentAt = new ArrayList<>();

        int sent = pacer.run(100, index -> sentAt.add(time.now - start), () -> false);

        assertThat(sent).isEqualTo(100);
        for (int i = 0; i < sentAt.size(); i++) {
            assertThat(sentAt.get(i)).isGreaterThanOrEqualTo(i * MILLI);
        }
        assertThat(sentAt.getLast()).isEqualTo(99 * MILLI);
    }

    @Test
    void aLateWakeUpSendsEverythingDueInOneBurstWithoutDrifting() {
        time.oversleep = 10 * MILLI; // the scheduler wakes the thread 10 ms late every time
        Pacer pacer = Pacer.perSecond(1000, () -> time.now, time::park);
        long start = time.now;
        List<Long> sentAt = new ArrayList<>();

        pacer.run(1000, index -> sentAt.add(time.now - start), () -> false);

        assertThat(time.parks).isLessThan(100); // one per burst, not one per event
        assertThat(sentAt.getLast()).isLessThan(1010 * MILLI); // a second's events in about a second
    }

    @Test
    void aSenderThatFellBehindCatchesUpWithoutParking() {
        Pacer pacer = Pacer.perSecond(1000, () -> time.now, time::park);

        pacer.run(50, index -> {
            if (index == 0) {
                time.now += 40 * MILLI; // the first send blocked for 40 ms
            }
        }, () -> false);

        assertThat(time.parks).isEqualTo(9); // events 1..40 were due already; 41..49 each wait for their turn
    }

    @Test
    void flatOutNeverParks() {
        Pacer pacer = Pacer.flatOut(() -> time.now, time::park);

        assertThat(pacer.run(10_000, index -> {}, () -> false)).isEqualTo(10_000);
        assertThat(time.parks).isZero();
        assertThat(pacer.dueAfter(9_999)).isZero();
    }

    @Test
    void stopsWhenAskedTo() {
        Pacer pacer = Pacer.flatOut(() -> time.now, time::park);
        List<Integer> sent = new ArrayList<>();

        assertThat(pacer.run(100, sent::add, () -> sent.size() == 7)).isEqualTo(7);
        assertThat(sent).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void theRateMustBePositiveAndFinite() {
        assertThatThrownBy(() -> Pacer.perSecond(0, () -> 0, nanos -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacer.perSecond(Double.NaN, () -> 0, nanos -> {})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacer.perSecond(Double.POSITIVE_INFINITY, () -> 0, nanos -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
