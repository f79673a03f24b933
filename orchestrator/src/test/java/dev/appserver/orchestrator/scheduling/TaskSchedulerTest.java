package dev.appserver.orchestrator.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.pool.AppCall;
import dev.appserver.orchestrator.pool.AppInvoker;
import dev.appserver.orchestrator.pool.CallOutcome;
import dev.appserver.orchestrator.pool.InstanceSpec;
import dev.appserver.orchestrator.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link TaskScheduler}: two orchestrators' schedulers on shared leases and one clock the test moves. */
class TaskSchedulerTest {
    private static final InstanceSpec MINUTELY = spec(7);
    private static final InstanceSpec HOURLY = spec(8);
    private static final TaskScheduler.Settings SETTINGS = new TaskScheduler.Settings(Duration.ofSeconds(1),
            Duration.ofSeconds(15), TaskScheduler.Settings.periods(Duration.ofMinutes(1)));

    private final MutableClock clock = new MutableClock();
    private final InMemoryLeases leases = new InMemoryLeases(clock);
    private final List<String> runs = new CopyOnWriteArrayList<>();
    private CompletableFuture<CallOutcome> nextRun;

    private static InstanceSpec spec(long configId) {
        return new InstanceSpec(configId, 1, 2, configId, "app", "index.js", "", "", "{}", Map.of(), 0, false);
    }

    private TaskScheduler scheduler(String node) {
        AppInvoker invoker = (spec, call) -> {
            runs.add(spec.configId() + ":" + ((AppCall.RunTask) call).task() + "@" + node);
            return nextRun != null ? nextRun : CompletableFuture.completedFuture(CallOutcome.succeeded(0));
        };
        return new TaskScheduler(leases, node, () -> List.of(MINUTELY, HOURLY),
                (spec, task) -> spec == MINUTELY ? task.equals("runEveryMinute") : task.equals("runEveryHour"),
                invoker, TaskListener.NONE, SETTINGS, clock);
    }

    /** Ticks both schedulers every second for {@code seconds} seconds. */
    private void run(TaskScheduler a, TaskScheduler b, int seconds) {
        for (int i = 0; i < seconds; i++) {
            a.tick();
            b.tick();
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void eachTaskRunsOncePerPeriodOnTheLeaderOnly() {
        TaskScheduler a = scheduler("a");
        TaskScheduler b = scheduler("b");

        run(a, b, 5 * 60);

        assertThat(runs.stream().filter(r -> r.startsWith("7:runEveryMinute"))).hasSize(5).allMatch(r -> r.endsWith("@a"));
        assertThat(runs.stream().filter(r -> r.startsWith("8:runEveryHour"))).hasSize(1);
        assertThat(runs).hasSize(6);
    }

    @Test
    void whenTheLeaderDiesAnotherTakesOverWithoutRunningThePeriodAgain() {
        TaskScheduler a = scheduler("a");
        TaskScheduler b = scheduler("b");
        run(a, b, 30);
        assertThat(runs).containsExactly("7:runEveryMinute@a", "8:runEveryHour@a");

        // a stops ticking (it died) in the middle of the first minute; its lease runs out after 15 s.
        for (int i = 0; i < 90; i++) {
            b.tick();
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(runs).containsExactly("7:runEveryMinute@a", "8:runEveryHour@a", "7:runEveryMinute@b");
    }

    @Test
    void aTaskStillRunningFromTheLastPeriodIsSkipped() {
        TaskScheduler a = scheduler("a");
        nextRun = new CompletableFuture<>();
        a.tick();
        clock.advance(Duration.ofMinutes(1));
        a.tick();
        assertThat(runs).containsExactly("7:runEveryMinute@a", "8:runEveryHour@a");

        nextRun.complete(CallOutcome.succeeded(0));
        nextRun = null;
        clock.advance(Duration.ofMinutes(1));
        a.tick();
        assertThat(runs).containsExactly("7:runEveryMinute@a", "8:runEveryHour@a", "7:runEveryMinute@a");
    }

    @Test
    void missedPeriodsAreNotReplayed() {
        TaskScheduler a = scheduler("a");
        a.tick();
        clock.advance(Duration.ofMinutes(10));

        a.tick();
        a.tick();

        assertThat(runs).containsExactly("7:runEveryMinute@a", "8:runEveryHour@a", "7:runEveryMinute@a");
    }

    @Test
    void periodsAreAlignedToTheEpoch() {
        assertThat(TaskScheduler.periodStart(Instant.parse("2026-11-28T12:34:56.789Z"), Duration.ofMinutes(1)))
                .isEqualTo(Instant.parse("2026-11-28T12:34:00Z"));
        assertThat(TaskScheduler.periodStart(Instant.parse("2026-11-28T12:34:56.789Z"), Duration.ofDays(1)))
                .isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void closingGivesTheLeaseUpSoAnotherTakesOverAtOnce() {
        TaskScheduler a = scheduler("a");
        TaskScheduler b = scheduler("b");
        a.tick();
        b.tick();

        a.close();
        clock.advance(Duration.ofMinutes(1));
        b.tick();

        assertThat(runs).containsExactly("7:runEveryMinute@a", "8:runEveryHour@a", "7:runEveryMinute@b");
    }
}
