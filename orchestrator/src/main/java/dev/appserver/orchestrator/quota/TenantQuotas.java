package dev.appserver.orchestrator.quota;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.hostservices.StorageQuota;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each tenant's use of its quotas ({@link QuotaSettings}) on this orchestrator: token buckets for
 * CPU time, events, {@code fetch} calls and log lines, and the tenant's backlog of events that
 * wait. Ingestion asks {@link #throttle} before it runs a tenant's events and charges what they
 * cost; the host services ask before each {@code fetch} and each batch of log lines.
 *
 * <p>Visible: a WARN line naming the tenant when it starts to be throttled and an INFO line when
 * it is no longer; in {@code /metrics}, {@code appserver.events.throttled} (events that waited, by
 * quota), {@code appserver.log.lines.dropped} and {@code appserver.tenants.throttled} (tenants
 * throttled now). Metric labels never name a tenant, so the series stay bounded.
 *
 * <p>Quotas are per orchestrator: in a cluster of N orchestrators a tenant whose partitions are
 * spread over all of them may use up to N times its quota. Thread-safe.
 */
public final class TenantQuotas implements StorageQuota {
    private static final Logger LOG = LoggerFactory.getLogger(TenantQuotas.class);
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    /**
     * How long a backlog keeps a tenant's events waiting after the last of them was deferred. The
     * backlog is counted down by the overflow consumer of this orchestrator; in a cluster another
     * orchestrator's may take those events, so a backlog that is never counted down must expire.
     */
    private static final Duration BACKLOG_TRUSTED = Duration.ofMinutes(10);

    private final QuotaSettings settings;
    private final Clock clock;
    private final MeterRegistry registry;
    private final StoredBytes initialStoredBytes;
    private final Map<Long, Usage> tenants = new ConcurrentHashMap<>();

    /** With every tenant's {@code meta.storage} empty at first ({@link StoredBytes#NONE}). */
    public TenantQuotas(QuotaSettings settings, Clock clock, MeterRegistry registry) {
        this(settings, clock, registry, StoredBytes.NONE);
    }

    /** With each tenant's {@code meta.storage} bytes read from {@code storedBytes} when first needed. */
    public TenantQuotas(QuotaSettings settings, Clock clock, MeterRegistry registry, StoredBytes storedBytes) {
        this.initialStoredBytes = requireNonNull(storedBytes, "storedBytes is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.registry = requireNonNull(registry, "registry is null");
        Gauge.builder("appserver.tenants.throttled", tenants,
                        all -> all.values().stream().filter(usage -> usage.throttle().isPresent()).count())
                .description("tenants whose events wait now because of a quota").register(registry);
    }

    public QuotaSettings settings() {
        return settings;
    }

    /**
     * Why the tenant's events must wait now, if they must: a quota in debt, or events of the
     * tenant that already wait (which later events may not overtake).
     */
    public Optional<Throttle> throttle(long teamId) {
        Usage usage = usage(teamId);
        Optional<Throttle> throttle = usage.throttle();
        if (throttle.isEmpty() && usage.throttled.compareAndSet(true, false)) {
            LOG.info("tenant {} is no longer throttled", teamId);
        }
        return throttle;
    }

    /** How long until none of the tenant's quotas is in debt (the backlog aside). */
    public Duration readyIn(long teamId) {
        return usage(teamId).overQuota().map(Throttle::waitFor).orElse(Duration.ZERO);
    }

    /** Charges {@code count} processed events. */
    public void chargeEvents(long teamId, int count) {
        usage(teamId).events.charge(count);
    }

    /** Charges CPU time the tenant's app code used in a worker. */
    public void chargeCpu(long teamId, long nanos) {
        if (nanos > 0) {
            usage(teamId).cpu.charge(nanos);
        }
    }

    /** Takes one {@code fetch} call from the quota; false (and the tenant is throttled) when none is left. */
    public boolean tryFetch(long teamId) {
        Usage usage = usage(teamId);
        if (usage.fetches.tryTake(1)) {
            return true;
        }
        usage.startThrottling(new Throttle("fetch", usage.fetches.timeUntil(1)));
        return false;
    }

    /** How many of {@code lines} log lines the tenant may store now; the rest are counted as dropped. */
    public long admitLogLines(long teamId, long lines) {
        Usage usage = usage(teamId);
        long admitted = usage.logLines.takeUpTo(lines);
        if (admitted < lines) {
            Counter.builder("appserver.log.lines.dropped")
                    .description("app log lines not stored: their tenant was past its log-line quota")
                    .register(registry).increment(lines - admitted);
        }
        return admitted;
    }

    /**
     * Keeps the tenant's {@code meta.storage} bytes within its quota. The count starts from what
     * {@link StoredBytes} says the tenant stores, read once, the first time the tenant's storage is
     * written ({@link #prepare}, or here if that was not called); later writes, by other
     * orchestrators included, are not read back: each orchestrator counts its own from there.
     */
    @Override
    public boolean change(long teamId, long deltaBytes) {
        AtomicLong stored = usage(teamId).storedBytes();
        if (deltaBytes <= 0) {
            stored.updateAndGet(n -> Math.max(0, n + deltaBytes));
            return true;
        }
        long limit = settings.storageBytes();
        boolean[] allowed = {false};
        stored.updateAndGet(n -> {
            allowed[0] = n + deltaBytes <= limit;
            return allowed[0] ? n + deltaBytes : n;
        });
        if (!allowed[0]) {
            LOG.warn("tenant {} is past its storage quota ({} bytes): a storage write of {} more bytes was refused", teamId,
                    limit, deltaBytes);
            Counter.builder("appserver.storage.writes.refused")
                    .description("meta.storage writes refused: their tenant was past its storage quota")
                    .register(registry).increment();
        }
        return allowed[0];
    }

    /** Reads what the tenant stores, unless it was read already; a failure to read is thrown, and read again next time. */
    @Override
    public void prepare(long teamId) {
        usage(teamId).storedBytes();
    }

    /** {@code count} events of the tenant now wait (they were deferred because of {@code why}). */
    public void deferred(long teamId, int count, Throttle why) {
        Usage usage = usage(teamId);
        usage.backlog.addAndGet(count);
        usage.lastDeferred = clock.instant();
        usage.startThrottling(why);
        Counter.builder("appserver.events.throttled")
                .description("events that waited because their tenant was past a quota")
                .tag("quota", why.quota()).register(registry).increment(count);
    }

    /** {@code count} of the tenant's waiting events were processed. */
    public void caughtUp(long teamId, int count) {
        Usage usage = usage(teamId);
        usage.backlog.updateAndGet(n -> Math.max(0, n - count));
    }

    /** Events of the tenant that wait now. */
    public long backlog(long teamId) {
        return usage(teamId).backlog.get();
    }

    private Usage usage(long teamId) {
        return tenants.computeIfAbsent(teamId, Usage::new);
    }

    /** One tenant's buckets. */
    private final class Usage {
        final long teamId;
        final TokenBucket cpu = new TokenBucket(settings.cpuPerMinute().toNanos(), MINUTE, clock);
        final TokenBucket events = new TokenBucket(settings.eventsPerSecond(), SECOND, clock);
        final TokenBucket fetches = new TokenBucket(settings.fetchesPerMinute(), MINUTE, clock);
        final TokenBucket logLines = new TokenBucket(settings.logLinesPerMinute(), MINUTE, clock);
        final AtomicLong backlog = new AtomicLong();
        /** Valid once {@link #storedLoaded}; set once, under this Usage's lock. */
        private final AtomicLong stored = new AtomicLong();
        private volatile boolean storedLoaded;
        /** Whether the WARN line about this tenant was said and the INFO line that ends it was not. */
        final AtomicBoolean throttled = new AtomicBoolean();
        volatile Instant lastDeferred = Instant.MIN;

        Usage(long teamId) {
            this.teamId = teamId;
        }

        /** The tenant's stored bytes, read from {@link StoredBytes} the first time. */
        AtomicLong storedBytes() {
            if (!storedLoaded) {
                synchronized (this) {
                    if (!storedLoaded) {
                        stored.set(initialStoredBytes.ofTenant(teamId));
                        storedLoaded = true;
                    }
                }
            }
            return stored;
        }

        /** Why this tenant's events must wait now, if they must; changes nothing. */
        Optional<Throttle> throttle() {
            Optional<Throttle> quota = overQuota();
            if (quota.isPresent()) {
                return quota;
            }
            return backlog.get() > 0 && clock.instant().isBefore(lastDeferred.plus(BACKLOG_TRUSTED))
                    ? Optional.of(new Throttle("backlog", Duration.ZERO)) : Optional.empty();
        }

        Optional<Throttle> overQuota() {
            Duration cpuDebt = cpu.debt();
            if (!cpuDebt.isZero()) {
                return Optional.of(new Throttle("cpu", cpuDebt));
            }
            Duration eventDebt = events.debt();
            if (!eventDebt.isZero()) {
                return Optional.of(new Throttle("events", eventDebt));
            }
            Duration fetchWait = fetches.timeUntil(1);
            if (!fetchWait.isZero()) {
                return Optional.of(new Throttle("fetch", fetchWait));
            }
            return Optional.empty();
        }

        void startThrottling(Throttle why) {
            if (!throttled.compareAndSet(false, true)) {
                return;
            }
            if (why.quota().equals(Throttle.SLOW)) {
                LOG.warn("tenant {} held up an input batch: its events there were not done in time, so the batch went on"
                        + " without them; they and its next events go on from the overflow topic", teamId);
            } else {
                LOG.warn("tenant {} is throttled: past its {} quota ({}); its events wait, the other tenants' do not",
                        teamId, why.quota(), describe(why.quota()));
            }
        }
    }

    private String describe(String quota) {
        return switch (quota) {
            case "cpu" -> settings.cpuPerMinute().toMillis() + " ms of CPU per minute";
            case "events" -> settings.eventsPerSecond() + " events per second";
            case "fetch" -> settings.fetchesPerMinute() + " fetch calls per minute";
            default -> "earlier events still wait";
        };
    }
}
