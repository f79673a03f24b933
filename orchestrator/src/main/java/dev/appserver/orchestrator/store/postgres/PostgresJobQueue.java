package dev.appserver.orchestrator.store.postgres;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.jobs.Job;
import dev.appserver.orchestrator.jobs.JobKind;
import dev.appserver.orchestrator.jobs.JobQueue;
import dev.appserver.orchestrator.jobs.NewJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link JobQueue} in the {@code jobs} table, shared by every orchestrator of the cluster. A claim
 * is one statement: it selects due, unleased rows {@code FOR UPDATE SKIP LOCKED} (so concurrent
 * claimants on other orchestrators skip each other's rows instead of waiting for them) and sets
 * their lease ({@code locked_until}) before its transaction ends, so a row is handed to one
 * claimant until its lease runs out. Jobs go with their app config ({@code ON DELETE CASCADE}).
 * Time is the caller's clock, not the database's. Thread-safe.
 */
public final class PostgresJobQueue implements JobQueue {
    private final Jdbi jdbi;

    public PostgresJobQueue(PostgresDatabase database) {
        this.jdbi = requireNonNull(database, "database is null").jdbi();
    }

    @Override
    public long enqueue(NewJob job) {
        requireNonNull(job, "job is null");
        return jdbi.withHandle(handle -> handle.createQuery("INSERT INTO jobs (config_id, kind, name, payload, run_at, created_at)"
                        + " VALUES (:configId, :kind, :name, CAST(:payload AS json), :runAt, now()) RETURNING id")
                .bind("configId", job.configId())
                .bind("kind", job.kind().column())
                .bind("name", job.name())
                .bind("payload", job.payloadJson())
                .bind("runAt", TimestampColumns.bindable(job.runAt()))
                .mapTo(Long.class)
                .one());
    }

    @Override
    public List<Job> claim(Instant now, int max, Duration lease) {
        requireNonNull(now, "now is null");
        requireNonNull(lease, "lease is null");
        return jdbi.inTransaction(handle -> handle.createQuery("UPDATE jobs SET locked_until = :leaseEnd, attempts = attempts + 1"
                        + " WHERE id IN (SELECT id FROM jobs WHERE run_at <= :now AND (locked_until IS NULL OR locked_until < :now)"
                        + " ORDER BY run_at, id LIMIT :max FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, config_id, kind, name, payload, run_at, attempts")
                .bind("now", TimestampColumns.bindable(now))
                .bind("leaseEnd", TimestampColumns.bindable(now.plus(lease)))
                .bind("max", max)
                .map(PostgresJobQueue::job)
                .list())
                .stream()
                .sorted(Comparator.comparing(Job::runAt).thenComparingLong(Job::id))
                .toList();
    }

    @Override
    public void finish(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM jobs WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public void release(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE jobs SET locked_until = NULL WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public int waiting(long configId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT count(*) FROM jobs WHERE config_id = :configId")
                .bind("configId", configId)
                .mapTo(Integer.class)
                .one());
    }

    private static Job job(ResultSet row, StatementContext context) throws SQLException {
        NewJob job = new NewJob(row.getLong("config_id"), JobKind.ofColumn(row.getString("kind")), row.getString("name"),
                row.getString("payload"), TimestampColumns.read(row, "run_at"));
        return new Job(row.getLong("id"), job, row.getInt("attempts"));
    }
}
