/**
 * Routing: which app instances a tenant's events go through. {@link
 * dev.appserver.orchestrator.routing.TeamChains} turns the stored app configs into chains of
 * {@link dev.appserver.orchestrator.pool.InstanceSpec}s and keeps them cached until a reload.
 */
package dev.appserver.orchestrator.routing;
