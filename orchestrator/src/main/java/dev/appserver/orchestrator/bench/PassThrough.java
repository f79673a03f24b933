package dev.appserver.orchestrator.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The raw Kafka path, as a baseline for the server: copies each message of the input topic to the
 * output topic under the same key, shaped as the server shapes an event no app changed
 * ({@link CaptureMerge}), with an {@code acks=all} idempotent producer. No transactions and no
 * committed offsets: it measures what the broker and the clients cost, which the server cannot beat.
 *
 * <p>Lifecycle: {@link #start} assigns it every input partition at their current ends before it
 * returns (so it copies everything sent afterwards) and starts its thread, which owns both clients;
 * {@link #close} stops the thread and waits for it. Start and close from one thread.
 */
final class PassThrough implements AutoCloseable {
    /** What the server writes for each input message when no app is installed. */
    static final Function<String, List<String>> AS_THE_SERVER = message -> List.of(CaptureMerge.merge(message));

    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final String outputTopic;
    private final Function<String, List<String>> copies;
    private final AtomicLong copied = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread thread;
    private volatile boolean closing;

    private PassThrough(KafkaConsumer<String, String> consumer, KafkaProducer<String, String> producer,
            String outputTopic, Function<String, List<String>> copies) {
        this.consumer = consumer;
        this.producer = producer;
        this.outputTopic = outputTopic;
        this.copies = copies;
        this.thread = Thread.ofPlatform().name("appserver-bench-passthrough").unstarted(this::copy);
    }

    /** @param copies what to write to the output topic for each input message: {@link #AS_THE_SERVER}, or a test's variation */
    static PassThrough start(String bootstrapServers, String inputTopic, String outputTopic,
            Function<String, List<String>> copies, Duration timeout) {
        requireNonNull(outputTopic, "outputTopic is null");
        requireNonNull(copies, "copies is null");
        KafkaConsumer<String, String> consumer =
                BenchClients.consumerAtEnd(bootstrapServers, "appserver-bench-passthrough", inputTopic, timeout);
        KafkaProducer<String, String> producer;
        try {
            producer = BenchClients.producer(bootstrapServers, "appserver-bench-passthrough", timeout);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        PassThrough passThrough = new PassThrough(consumer, producer, outputTopic, copies);
        passThrough.thread.start();
        return passThrough;
    }

    private void copy() {
        try (consumer; producer) {
            while (!closing) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.value() == null) {
                        continue; // a tombstone is no event
                    }
                    for (String copy : copies.apply(record.value())) {
                        producer.send(new ProducerRecord<>(outputTopic, record.key(), copy), (metadata, e) -> {
                            if (e == null) {
                                copied.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, e);
                            }
                        });
                    }
                }
            }
        } catch (WakeupException e) {
            // close() wakes the poll up.
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }

    /** @return how many copies the output topic acknowledged */
    long copied() {
        return copied.get();
    }

    /** @return the first failure to copy, or null; copying stops at any failure but a failed send */
    Exception failure() {
        return failure.get();
    }

    /** Stops copying, flushes what was copied and waits for the thread to end. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
