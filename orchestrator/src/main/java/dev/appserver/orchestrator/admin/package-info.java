/**
 * The admin HTTP API: installing apps, configuring them per tenant, health, readiness and
 * metrics. {@link dev.appserver.orchestrator.admin.AdminServer} serves it with Javalin on the
 * store's repositories; {@code admin.cli} wraps it as {@code appserver apps ...} and
 * {@code appserver configs ...}.
 *
 * <p>Every error is {@code {"error": "..."}} with a 4xx status naming what to fix, or a 500 whose
 * detail stays in the server log. A bearer token guards {@code /api} and {@code /metrics}: it is
 * required when the server binds to a non-loopback address.
 */
package dev.appserver.orchestrator.admin;
