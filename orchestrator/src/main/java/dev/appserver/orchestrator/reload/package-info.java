/**
 * Hot reload: every orchestrator in the cluster learns of an app config change within seconds.
 *
 * <p>The admin API stores a change, then tells a {@link dev.appserver.orchestrator.admin.ConfigChangeListener};
 * {@link dev.appserver.orchestrator.reload.RedisReloadPublisher} publishes it as a
 * {@link dev.appserver.orchestrator.reload.ReloadMessage} on the Redis pub/sub channel
 * {@value dev.appserver.orchestrator.reload.RedisReloadPublisher#CHANNEL}, and each orchestrator's
 * {@link dev.appserver.orchestrator.reload.RedisReloadSubscriber} hands it to the component that reloads
 * configs. A message names one changed config ({@link dev.appserver.orchestrator.reload.ConfigReload}) or
 * asks for everything to be reloaded ({@link dev.appserver.orchestrator.reload.FullReload}): PostHog
 * publishes a bare message on the same channel, and any payload that is not a config change is read
 * that way.
 *
 * <p>Redis pub/sub delivers at most once: a subscriber that is disconnected when a message is
 * published never sees it. Two things cover that: a subscriber that reconnects delivers a
 * {@link dev.appserver.orchestrator.reload.FullReload}, and the consumer of these messages is expected
 * to refresh all configs periodically anyway. Reloading is idempotent, so a message seen twice or late
 * does no harm.
 *
 * <p>{@link dev.appserver.orchestrator.reload.InMemoryReloadBus} plays both roles in one JVM, for tests.
 */
package dev.appserver.orchestrator.reload;
