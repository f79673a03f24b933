/**
 * App logs beyond the store: {@link dev.appserver.orchestrator.applogs.KafkaPublishingAppLogs}
 * publishes every stored log entry to the {@code plugin_log_entries} topic, in PostHog's
 * {@code PluginLogEntry} format, without ever blocking or failing the code that logs.
 */
package dev.appserver.orchestrator.applogs;
