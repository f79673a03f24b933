package dev.appserver.orchestrator.store.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants in {@code timestamptz} columns, which hold microseconds. Writes truncate (the driver
 * would round, possibly up), so what is read back equals what the repository returned when it
 * wrote. Stateless.
 */
final class TimestampColumns {
    private TimestampColumns() {}

    /** {@code instant} as written: truncated to microseconds. */
    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The value to bind: {@code setObject} with an {@link OffsetDateTime} is exact in the driver. */
    static OffsetDateTime bindable(Instant instant) {
        return truncate(instant).atOffset(ZoneOffset.UTC);
    }

    static Instant read(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
