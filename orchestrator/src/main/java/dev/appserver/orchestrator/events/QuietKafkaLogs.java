package dev.appserver.orchestrator.events;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the Kafka clients' log level to ERROR while open, so that a broker that cannot be reached
 * is one line from the command instead of a warning per connection attempt first. Left alone when
 * {@code APPSERVER_LOG_LEVEL} is set (someone is debugging) or logging is not Logback. Not
 * thread-safe; the level is the JVM's, which in the command's own process is only this command's.
 */
public final class QuietKafkaLogs implements AutoCloseable {
    private final Logger logger;
    private final Level previous;

    private QuietKafkaLogs(Logger logger) {
        this.logger = logger;
        this.previous = logger == null ? null : logger.getLevel();
        if (logger != null) {
            logger.setLevel(Level.ERROR);
        }
    }

    public static QuietKafkaLogs open() {
        boolean debugging = System.getenv("APPSERVER_LOG_LEVEL") != null;
        return new QuietKafkaLogs(!debugging && LoggerFactory.getLogger("org.apache.kafka") instanceof Logger kafka ? kafka : null);
    }

    @Override
    public void close() {
        if (logger != null) {
            logger.setLevel(previous);
        }
    }
}
