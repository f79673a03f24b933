/** {@code appserver bench start-up}: how long a worker, an app chain and the single-node server take to start. */
package dev.appserver.orchestrator.bench.startup;
