package dev.appserver.orchestrator.hostservices;

/** The {@link AppStorageContract} on {@link InMemoryAppStorage}. */
class InMemoryAppStorageTest extends AppStorageContract {
    @Override
    protected AppStorage newStorage() {
        return new InMemoryAppStorage();
    }
}
