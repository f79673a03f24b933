package dev.appserver.orchestrator.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.hostservices.AppStorage;
import dev.appserver.orchestrator.hostservices.AppStorageContract;
import dev.appserver.orchestrator.hostservices.StorageCharge;
import dev.appserver.orchestrator.store.InstalledApp;
import dev.appserver.orchestrator.testing.StoredApps;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link AppStorageContract} on {@link PostgresAppStorage} over a real PostgreSQL, and what
 * only the durable storage does: values that outlive a restart of the database, the size of what
 * a tenant stores, and entries that go with their app config.
 */
class PostgresAppStorageIT extends AppStorageContract {
    @RegisterExtension
    static final PostgresTestServer POSTGRES = new PostgresTestServer();

    private PostgresDatabase database;

    @Override
    protected AppStorage newStorage() {
        database = POSTGRES.emptied();
        PostgresAppRepository apps = new PostgresAppRepository(database, Clock.systemUTC());
        PostgresAppConfigRepository configs = new PostgresAppConfigRepository(database, Clock.systemUTC());
        InstalledApp first = StoredApps.install(apps, "first", "{\"name\": \"first\"}", "exports.x = 1");
        InstalledApp second = StoredApps.install(apps, "second", "{\"name\": \"second\"}", "exports.x = 2");
        StoredApps.configure(configs, 5, first, 1, "{}");   // app config 1, team 5
        StoredApps.configure(configs, 5, second, 2, "{}");  // app config 2, team 5
        StoredApps.configure(configs, 6, first, 1, "{}");   // app config 3, team 6
        return new PostgresAppStorage(database);
    }

    @Test
    void valuesAndCursorsOutliveARestartOfTheDatabase() throws Exception {
        PostgresAppStorage storage = new PostgresAppStorage(database);
        storage.set(1, "state", "{\"b\":[1,null],\"a\":\"\u00e9\"}", StorageCharge.FREE);
        storage.set(1, "nothing", "null", StorageCharge.FREE);
        storage.incrementCursor(1, "cursor", 41, StorageCharge.FREE);

        PostgresAppStorage reopened = new PostgresAppStorage(POSTGRES.restart());

        assertThat(reopened.get(1, "state")).contains("{\"b\":[1,null],\"a\":\"\u00e9\"}");
        assertThat(reopened.get(1, "nothing")).contains("null");
        assertThat(reopened.incrementCursor(1, "cursor", 1, StorageCharge.FREE)).isEqualTo(42);
    }

    @Test
    void tenantBytesSumsWhatEveryAppConfigOfTheTenantStores() {
        PostgresAppStorage storage = new PostgresAppStorage(database);
        storage.set(1, "k\u00e9", "\"\u20ac\"", StorageCharge.FREE);  // 3 + 5
        storage.set(2, "key", "[1,2]", StorageCharge.FREE);          // 3 + 5
        storage.initCursor(2, "c", 100, StorageCharge.FREE);          // 1 + 3
        storage.set(3, "other", "\"tenant\"", StorageCharge.FREE);

        assertThat(storage.tenantBytes(5)).isEqualTo(20);
        assertThat(storage.tenantBytes(6)).isEqualTo(AppStorage.storedBytes("other", "\"tenant\""));
        assertThat(storage.tenantBytes(7)).isZero();
    }

    @Test
    void entriesGoWithTheirAppConfigAndNeedOneToExist() {
        PostgresAppStorage storage = new PostgresAppStorage(database);
        storage.set(3, "k", "1", StorageCharge.FREE);

        new PostgresAppConfigRepository(database, Clock.systemUTC()).delete(3);

        assertThat(storage.get(3, "k")).isEmpty();
        assertThat(storage.tenantBytes(6)).isZero();
        assertThatThrownBy(() -> storage.set(3, "k", "1", StorageCharge.FREE)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("storage key 'k': ERROR: insert or update on table \"app_storage\" violates foreign key")
                .hasMessageNotContaining("INSERT INTO");
    }
}
