package dev.appserver.orchestrator.store;

import java.time.Clock;

class InMemoryAppRepositoryTest extends AppRepositoryContract {
    @Override
    protected AppRepository newRepository(Clock clock) {
        return new InMemoryAppRepository(clock);
    }
}
