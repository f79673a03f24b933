package dev.appserver.orchestrator.store;

class InMemoryAppLogRepositoryTest extends AppLogRepositoryContract {
    @Override
    protected AppLogRepository newRepository(int capacity) {
        return new InMemoryAppLogRepository(capacity);
    }
}
