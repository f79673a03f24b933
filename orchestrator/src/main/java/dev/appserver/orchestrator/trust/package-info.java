/**
 * Pools by trust (isolation layer 3): which pool of sandbox workers runs each app config. Apps
 * marked verified run in the {@code verified} pool, every other app in the {@code untrusted} pool,
 * and a tenant given a dedicated pool runs its whole chain in it; so an untrusted app never shares
 * a worker process with a verified one. {@link dev.appserver.orchestrator.trust.TrustPools} is the
 * {@link dev.appserver.orchestrator.pool.ChainExecutor} over those pools.
 */
package dev.appserver.orchestrator.trust;
