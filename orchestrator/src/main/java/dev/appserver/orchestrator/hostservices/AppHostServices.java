package dev.appserver.orchestrator.hostservices;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.appserver.proto.v1.CacheCall;
import dev.appserver.proto.v1.CaptureCall;
import dev.appserver.proto.v1.CursorCall;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostResult;
import dev.appserver.proto.v1.StorageCall;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Executes host-service calls for the instances in an {@link InstanceDirectory}: cache and
 * storage on their stores, captures and jobs into their sinks, fetch through the egress-guarded
 * fetcher, geoip through the locator. The tenant comes from the directory, never from the call.
 * Storage writes (values and cursors) are charged to the tenant's {@link StorageQuota} from inside
 * the write ({@link StorageCharge}), so a write past the quota fails and stores nothing.
 */
public final class AppHostServices implements HostCallHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InstanceDirectory directory;
    private final AppCache cache;
    private final AppStorage storage;
    private final StorageQuota storageQuota;
    private final CaptureSink captures;
    private final JobSink jobs;
    private final BiFunction<InstanceBinding, HostCall, CompletableFuture<HostResult>> fetch;
    private final GeoIpLocator geoIp;
    private final Clock clock;

    public AppHostServices(
            InstanceDirectory directory,
            AppCache cache,
            AppStorage storage,
            CaptureSink captures,
            JobSink jobs,
            BiFunction<InstanceBinding, HostCall, CompletableFuture<HostResult>> fetch,
            GeoIpLocator geoIp,
            Clock clock) {
        this(directory, cache, storage, StorageQuota.NONE, captures, jobs, fetch, geoIp, clock);
    }

    /** With {@code meta.storage} held to {@code storageQuota}. */
    public AppHostServices(
            InstanceDirectory directory,
            AppCache cache,
            AppStorage storage,
            StorageQuota storageQuota,
            CaptureSink captures,
            JobSink jobs,
            BiFunction<InstanceBinding, HostCall, CompletableFuture<HostResult>> fetch,
            GeoIpLocator geoIp,
            Clock clock) {
        this.directory = requireNonNull(directory, "directory is null");
        this.storageQuota = requireNonNull(storageQuota, "storageQuota is null");
        this.cache = requireNonNull(cache, "cache is null");
        this.storage = requireNonNull(storage, "storage is null");
        this.captures = requireNonNull(captures, "captures is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.fetch = requireNonNull(fetch, "fetch is null");
        this.geoIp = requireNonNull(geoIp, "geoIp is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public CompletableFuture<HostResult> handle(HostCall call) {
        InstanceBinding from = directory.find(call.getInstanceId()).orElse(null);
        if (from == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("unknown instance " + call.getInstanceId()));
        }
        try {
            return switch (call.getCallCase()) {
                case CACHE -> json(cache(from, call.getCache()));
                case STORAGE -> json(storage(from, call.getStorage()));
                case CURSOR -> json(cursor(from, call.getCursor()));
                case FETCH -> fetch.apply(from, call);
                case CAPTURE -> json(capture(from, call.getCapture()));
                case JOB -> {
                    jobs.enqueue(from, call.getJob().getName(), call.getJob().getPayloadJson().toStringUtf8(),
                            call.getJob().getRunAtMillis());
                    yield json(null);
                }
                case GEOIP -> json(geoIp.locate(call.getGeoip().getIp()).map(JsonText::new).orElse(null));
                case CALL_NOT_SET -> CompletableFuture.failedFuture(new IllegalArgumentException("empty host call"));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Object cache(InstanceBinding from, CacheCall c) {
        String ns = from.cacheNamespace();
        return switch (c.getOp()) {
            case SET -> {
                cache.set(ns, c.getKey(), c.getValue(), c.getTtlSeconds());
                yield null;
            }
            case GET -> cache.get(ns, c.getKey());
            case INCR -> cache.incr(ns, c.getKey(), c.getBy());
            case EXPIRE -> cache.expire(ns, c.getKey(), c.getTtlSeconds());
            case LPUSH -> cache.lpush(ns, c.getKey(), c.getValuesList());
            case LRANGE -> cache.lrange(ns, c.getKey(), c.getStart(), c.getStop());
            case LLEN -> cache.llen(ns, c.getKey());
            case LPOP -> {
                List<String> popped = cache.lpop(ns, c.getKey(), c.getHasCount() ? c.getCount() : 1);
                yield c.getHasCount() ? popped : (popped.isEmpty() ? null : popped.get(0));
            }
            case LREM -> cache.lrem(ns, c.getKey(), c.getCount(), c.getValue());
            case OP_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("unknown cache operation");
        };
    }

    private Object storage(InstanceBinding from, StorageCall s) {
        return switch (s.getOp()) {
            case SET -> {
                storageQuota.prepare(from.teamId());
                storage.set(from.configId(), s.getKey(), s.getValueJson(), quota(from, "storage.set", s.getKey()));
                yield null;
            }
            // [] when absent, [value] when present: a stored null is not a missing key.
            case GET -> new JsonText(storage.get(from.configId(), s.getKey()).map(v -> "[" + v + "]").orElse("[]"));
            case DEL -> {
                // Prepared first: a count read from the store after the delete would miss what it released.
                storageQuota.prepare(from.teamId());
                storageQuota.change(from.teamId(), -storage.delete(from.configId(), s.getKey()));
                yield null;
            }
            case OP_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("unknown storage operation");
        };
    }

    private Object cursor(InstanceBinding from, CursorCall c) {
        storageQuota.prepare(from.teamId());
        return switch (c.getOp()) {
            case INIT -> {
                storage.initCursor(from.configId(), c.getKey(), c.getAmount(), quota(from, "cursor.init", c.getKey()));
                yield null;
            }
            case INCREMENT -> storage.incrementCursor(from.configId(), c.getKey(), c.getAmount(),
                    quota(from, "cursor.increment", c.getKey()));
            case OP_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("unknown cursor operation");
        };
    }

    /** Charges a write to the tenant's storage quota; a refusal fails the write, which then stores nothing. */
    private StorageCharge quota(InstanceBinding from, String operation, String key) {
        return deltaBytes -> {
            if (!storageQuota.change(from.teamId(), deltaBytes)) {
                throw new IllegalStateException(operation + "('" + key + "') refused: the tenant's apps would store more"
                        + " than their quota of storage bytes");
            }
        };
    }

    /** PostHog's capture: distinct_id and timestamp may come in the properties. */
    private Object capture(InstanceBinding from, CaptureCall c) {
        ObjectNode properties;
        try {
            var parsed = JSON.readTree(c.getPropertiesJson().toStringUtf8());
            properties = parsed instanceof ObjectNode o ? o : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            properties = JSON.createObjectNode();
        }
        var distinctId = properties.remove("distinct_id");
        var timestamp = properties.remove("timestamp");
        ObjectNode event = JSON.createObjectNode();
        event.put("event", c.getEvent());
        if (distinctId != null && !distinctId.isNull()) {
            event.set("distinct_id", distinctId);
        } else {
            event.put("distinct_id", from.appName());
        }
        event.put("team_id", from.teamId());
        event.put("uuid", UUID.randomUUID().toString());
        if (timestamp != null && !timestamp.isNull()) {
            event.set("timestamp", timestamp);
        } else {
            event.put("timestamp", Instant.now(clock).toString());
        }
        event.set("properties", properties);
        captures.capture(from, event.toString());
        return null;
    }

    private static CompletableFuture<HostResult> json(Object value) {
        String text;
        if (value instanceof JsonText t) {
            text = t.json();
        } else {
            try {
                text = JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return CompletableFuture.completedFuture(HostResult.newBuilder().setJson(text).build());
    }

    /** A value that is already JSON text. */
    private record JsonText(String json) {}
}
