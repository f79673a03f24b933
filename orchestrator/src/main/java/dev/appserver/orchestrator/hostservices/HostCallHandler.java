package dev.appserver.orchestrator.hostservices;

import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.HostResult;
import java.util.concurrent.CompletableFuture;

/**
 * Executes app host-service calls (cache, storage, cursor, fetch, capture, jobs, geoip) that
 * arrive from workers. Implementations apply the tenant's namespace from the call's instance
 * id; the worker cannot name another tenant.
 */
@FunctionalInterface
public interface HostCallHandler {
    /**
     * @return the result; its call id is filled in by the caller. A failed future becomes an
     *     {@code Error} inside the app.
     */
    CompletableFuture<HostResult> handle(HostCall call);
}
