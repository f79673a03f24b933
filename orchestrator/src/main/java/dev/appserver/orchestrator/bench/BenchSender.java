package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.events.TopicMessage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * Produces a run's events to the input topic on the {@link Pacer}'s schedule, each stamped with the
 * moment it is handed to the producer, then flushes. It stops sending at the first failed send, or
 * when {@link #stop()} is called.
 *
 * <p>Runs once, on its own thread ({@link #run}). Its progress is for other threads to read while
 * it runs: {@link #finished()} is set last, after everything else it reports.
 */
final class BenchSender implements Runnable {
    private final Producer<String, String> producer;
    private final String topic;
    private final BenchEvents events;
    private final Pacer pacer;
    private final int count;
    private final LongSupplier nanoTime;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile long firstSendNanos;
    private volatile long lastSendNanos;
    private volatile boolean stopped;
    private volatile boolean finished;

    BenchSender(Producer<String, String> producer, String topic, BenchEvents events, Pacer pacer, int count,
            LongSupplier nanoTime) {
        this.producer = requireNonNull(producer, "producer is null");
        this.topic = requireNonNull(topic, "topic is null");
        this.events = requireNonNull(events, "events is null");
        this.pacer = requireNonNull(pacer, "pacer is null");
        this.count = count;
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    @Override
    public void run() {
        try {
            pacer.run(count, this::send, () -> stopped || failure.get() != null);
            producer.flush();
        } catch (KafkaException e) {
            failure.compareAndSet(null, e);
        } finally {
            finished = true;
        }
    }

    private void send(int index) {
        long now = nanoTime.getAsLong();
        if (index == 0) {
            firstSendNanos = now;
        }
        TopicMessage message = events.event(index, now);
        producer.send(new ProducerRecord<>(topic, message.key(), message.value()), (metadata, e) -> {
            if (e == null) {
                acknowledged.incrementAndGet();
            } else {
                failure.compareAndSet(null, e);
            }
        });
        lastSendNanos = now;
    }

    /** Sends no more events; those sent are still flushed. Any thread. */
    void stop() {
        stopped = true;
    }

    /** @return whether it is done: every event was sent and acknowledged, or a send failed */
    boolean finished() {
        return finished;
    }

    /** @return how many events Kafka acknowledged so far */
    int acknowledged() {
        return acknowledged.get();
    }

    /** @return the first failed send, or null */
    Exception failure() {
        return failure.get();
    }

    /** @return when the first event was handed to the producer; meaningless before that */
    long firstSendNanos() {
        return firstSendNanos;
    }

    /** @return when the last event so far was handed to the producer */
    long lastSendNanos() {
        return lastSendNanos;
    }
}
