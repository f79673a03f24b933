/**
 * {@code appserver events send}: puts a file of JSON events on the input topic, each wrapped the
 * way PostHog's capture endpoint wraps it, so that the pipeline can be fed by hand or by a script.
 * {@link dev.appserver.orchestrator.events.EventsInput} reads and checks the whole file first
 * (nothing is sent when any line is unusable), {@link dev.appserver.orchestrator.events.CaptureEnvelopes}
 * completes each event and wraps it, and {@link dev.appserver.orchestrator.events.KafkaEventSender}
 * produces the messages.
 */
package dev.appserver.orchestrator.events;
