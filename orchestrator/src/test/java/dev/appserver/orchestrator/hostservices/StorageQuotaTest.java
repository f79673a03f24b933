package dev.appserver.orchestrator.hostservices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.quota.QuotaSettings;
import dev.appserver.orchestrator.quota.TenantQuotas;
import dev.appserver.orchestrator.testing.MutableClock;
import dev.appserver.proto.v1.CursorCall;
import dev.appserver.proto.v1.HostCall;
import dev.appserver.proto.v1.StorageCall;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** {@code meta.storage} held to the tenant's quota of stored bytes (keys and values, UTF-8). */
class StorageQuotaTest {
    private static final long TEAM = 5;

    private final MutableClock clock = new MutableClock();
    private final InMemoryAppStorage storage = new InMemoryAppStorage();
    private final TenantQuotas quotas = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(60), 10, 10, 10, 20), clock,
            new SimpleMeterRegistry());
    private AppHostServices services = services(quotas);

    private AppHostServices services(TenantQuotas quotas) {
        InstanceDirectory directory = new InstanceDirectory();
        directory.bind(1, new InstanceBinding(9, 100, TEAM, "first"));
        directory.bind(2, new InstanceBinding(9, 200, TEAM, "second"));
        directory.bind(3, new InstanceBinding(9, 300, TEAM + 1, "other tenant"));
        return new AppHostServices(directory, new InMemoryAppCache(clock), storage, quotas, (from, event) -> { },
                (from, name, payload, runAt) -> { }, (from, call) -> CompletableFuture.failedFuture(new AssertionError()),
                GeoIpLocator.NONE, clock);
    }

    private CompletableFuture<?> call(long instance, StorageCall.Op op, String key, String value) {
        return services.handle(HostCall.newBuilder().setInstanceId(instance)
                .setStorage(StorageCall.newBuilder().setOp(op).setKey(key).setValueJson(value)).build());
    }

    private CompletableFuture<?> cursor(long instance, CursorCall.Op op, String key, long amount) {
        return services.handle(HostCall.newBuilder().setInstanceId(instance)
                .setCursor(CursorCall.newBuilder().setOp(op).setKey(key).setAmount(amount)).build());
    }

    @Test
    void setsPastTheTenantsQuotaFailAcrossItsAppConfigsAndDeletesGiveRoomBack() throws Exception {
        call(1, StorageCall.Op.SET, "k", "\"123456789\"").get();  // 1 + 11 = 12 bytes
        CompletableFuture<?> refused = call(2, StorageCall.Op.SET, "key", "\"abcdef\"");  // 3 + 8: 23 > 20

        assertThat(refused).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("storage.set('key') refused").withMessageContaining("quota of storage bytes");
        assertThat(storage.get(200, "key")).as("nothing stored").isEmpty();

        call(3, StorageCall.Op.SET, "key", "\"abcdef\"").get();  // another tenant has its own quota
        call(1, StorageCall.Op.SET, "k", "1").get();  // overwriting counts the difference: 2 bytes now
        call(2, StorageCall.Op.SET, "key", "\"abcdef\"").get();  // 2 + 11 = 13
        call(2, StorageCall.Op.DEL, "key", "").get();
        call(2, StorageCall.Op.SET, "big", "\"0123456789abc\"").get();  // 2 + 3 + 15 = 20: exactly the quota
        assertThat(storage.get(200, "big")).contains("\"0123456789abc\"");
    }

    @Test
    void cursorsCountAgainstTheQuotaLikeValues() throws Exception {
        call(1, StorageCall.Op.SET, "k", "\"123456789\"").get();  // 12 bytes
        cursor(1, CursorCall.Op.INIT, "c", 1234567).get();  // 1 + 7 = 8: 20

        assertThat(cursor(1, CursorCall.Op.INCREMENT, "c", 9_000_000)).as("one digit more")
                .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("cursor.increment('c') refused").withMessageContaining("quota of storage bytes");
        assertThat(cursor(2, CursorCall.Op.INIT, "d", 0)).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("cursor.init('d') refused");
        assertThat(cursor(1, CursorCall.Op.INCREMENT, "c", 1).get()).isNotNull();
        assertThat(storage.get(100, "c")).contains("1234568");
        assertThat(storage.get(200, "d")).isEmpty();
    }

    @Test
    void whatTheTenantStoredBeforeThisOrchestratorStartedCountsDeletesIncluded() throws Exception {
        storage.set(100, "k", "\"123456789\"", StorageCharge.FREE);  // 12 bytes
        storage.set(200, "j", "1234", StorageCharge.FREE);  // 5 bytes
        TenantQuotas restarted = new TenantQuotas(new QuotaSettings(Duration.ofSeconds(60), 10, 10, 10, 20), clock,
                new SimpleMeterRegistry(), teamId -> teamId == TEAM ? bytes(100, "k") + bytes(200, "j") : 0);
        services = services(restarted);

        // Read before the delete: read after it, the count would lose what the delete released twice.
        call(1, StorageCall.Op.DEL, "k", "").get();  // 5 left
        CompletableFuture<?> refused = call(1, StorageCall.Op.SET, "x", "\"123456789abcd\"");  // 1 + 15: 21 > 20

        assertThat(refused).failsWithin(Duration.ofSeconds(1)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("storage.set('x') refused");
        call(1, StorageCall.Op.SET, "x", "\"123456789abc\"").get();  // 1 + 14: exactly the quota
    }

    private long bytes(long configId, String key) {
        return storage.get(configId, key).map(value -> AppStorage.storedBytes(key, value)).orElse(0L);
    }
}
