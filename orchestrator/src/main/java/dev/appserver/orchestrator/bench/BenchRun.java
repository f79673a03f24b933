package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.events.CaptureEnvelopes;
import dev.appserver.orchestrator.events.SendFailedException;
import dev.appserver.orchestrator.events.UuidV7;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;

/**
 * One benchmark run. Before the first event is sent, the output topic's reader (and, in
 * pass-through mode, the {@link PassThrough}) are placed at the ends of their topics; then a
 * {@link BenchSender} thread sends while this thread reads the output, until every event arrived
 * (and {@link #SETTLE} more, to count late duplicates), a send failed, or the timeout passed after
 * the last send.
 *
 * <p>Run once, from one thread.
 */
public final class BenchRun {
    /** How long to keep reading once every event arrived, to count duplicates that come after the last one. */
    static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final BenchSettings settings;
    private final String runId = UUID.randomUUID().toString();

    public BenchRun(BenchSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** @throws SendFailedException when Kafka refused or failed, with the exit status 1 */
    public BenchReport run() throws SendFailedException, InterruptedException {
        String kafka = settings.kafka();
        try (PassThrough passThrough = settings.passthrough() ? PassThrough.start(kafka, settings.inputTopic(),
                        settings.outputTopic(), PassThrough.AS_THE_SERVER, KAFKA_TIMEOUT) : null;
                OutputReader reader = OutputReader.open(kafka, settings.outputTopic(), new OutputMatcher(runId),
                        System::nanoTime, KAFKA_TIMEOUT);
                KafkaProducer<String, String> producer = BenchClients.producer(kafka, "appserver-bench", KAFKA_TIMEOUT)) {
            BenchSender sender = new BenchSender(producer, settings.inputTopic(), events(), pacer(), settings.events(),
                    System::nanoTime);
            Thread sending = Thread.ofPlatform().name("appserver-bench-send").start(sender);
            Arrivals arrivals = new Arrivals(settings.events());
            try {
                read(reader, sender, arrivals);
            } finally {
                sender.stop();
                sending.join();
            }
            if (sender.failure() != null) {
                throw new SendFailedException("sending to " + settings.inputTopic() + " on " + kafka + " failed after "
                        + sender.acknowledged() + " events: " + sender.failure().getMessage(), 1);
            }
            if (passThrough != null && passThrough.failure() != null) {
                throw new SendFailedException("the pass-through failed: " + passThrough.failure().getMessage(), 1);
            }
            return report(sender, arrivals);
        } catch (KafkaException e) {
            throw new SendFailedException("Kafka at " + kafka + ": " + e.getMessage(), 1);
        }
    }

    private void read(OutputReader reader, BenchSender sender, Arrivals arrivals) {
        boolean sent = false;
        long stopAt = 0;
        while (sender.failure() == null) {
            reader.poll(arrivals, POLL);
            long now = System.nanoTime();
            if (!sent && sender.finished()) {
                sent = true;
                stopAt = now + settings.timeout().toNanos();
            }
            if (sent && arrivals.arrived() >= sender.acknowledged() && stopAt - now > SETTLE.toNanos()) {
                stopAt = now + SETTLE.toNanos();
            }
            if (sent && now - stopAt >= 0) {
                return;
            }
        }
    }

    private BenchEvents events() {
        Clock clock = Clock.systemUTC();
        UuidV7 uuids = new UuidV7(clock, RandomGenerator.of("L64X128MixRandom"));
        return new BenchEvents(runId, settings.teams(), settings.eventBytes(), new CaptureEnvelopes(1, clock, uuids), uuids);
    }

    private Pacer pacer() {
        return settings.flatOut() ? Pacer.flatOut(System::nanoTime, LockSupport::parkNanos)
                : Pacer.perSecond(settings.rate(), System::nanoTime, LockSupport::parkNanos);
    }

    private BenchReport report(BenchSender sender, Arrivals arrivals) {
        long first = sender.firstSendNanos();
        long wall = arrivals.arrived() == 0 ? 0 : arrivals.lastArrivalNanos() - first;
        Instant started = Instant.now().minusNanos(System.nanoTime() - first);
        return new BenchReport(runId, sender.acknowledged(), arrivals.arrived(), arrivals.duplicates(),
                sender.lastSendNanos() - first, wall, arrivals.latency(), started, arrivals.bySecondSent(first));
    }
}
