package dev.appserver.worker.rpc;

import dev.appserver.worker.runtime.AppInstance;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The app instances this worker hosts, by instance id. Thread-safe. */
final class Instances {
    private final Map<Long, AppInstance> byId = new ConcurrentHashMap<>();

    boolean contains(long id) {
        return byId.containsKey(id);
    }

    void add(AppInstance instance) {
        if (byId.putIfAbsent(instance.id(), instance) != null) {
            instance.close();
            throw Status.ALREADY_EXISTS.withDescription("instance " + instance.id() + " is loaded").asRuntimeException();
        }
    }

    /** @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown id */
    AppInstance get(long id) {
        AppInstance instance = byId.get(id);
        if (instance == null) {
            throw Status.NOT_FOUND.withDescription("no instance " + id + " in this worker").asRuntimeException();
        }
        return instance;
    }

    /** @throws io.grpc.StatusRuntimeException NOT_FOUND for an unknown id */
    AppInstance remove(long id) {
        AppInstance instance = byId.remove(id);
        if (instance == null) {
            throw Status.NOT_FOUND.withDescription("no instance " + id + " in this worker").asRuntimeException();
        }
        return instance;
    }

    int size() {
        return byId.size();
    }

    List<AppInstance> removeAll() {
        List<AppInstance> all = new ArrayList<>(byId.values());
        byId.clear();
        return all;
    }
}
