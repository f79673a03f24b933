package dev.appserver.orchestrator.store;

import java.time.Clock;

/** The in-memory repository checks no app ids, so apps 1 to 9 need no setting up. */
class InMemoryAppConfigRepositoryTest extends AppConfigRepositoryContract {
    @Override
    protected AppConfigRepository newRepository(Clock clock) {
        return new InMemoryAppConfigRepository(clock);
    }
}
