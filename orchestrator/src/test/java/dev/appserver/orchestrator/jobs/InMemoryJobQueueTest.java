package dev.appserver.orchestrator.jobs;

class InMemoryJobQueueTest extends JobQueueContract {
    private long configs;

    @Override
    protected JobQueue newQueue() {
        return new InMemoryJobQueue();
    }

    @Override
    protected long newConfig() {
        return ++configs;
    }
}
