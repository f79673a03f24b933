/**
 * {@code appserver bench density}: what idle app instances and app configs cost a single-node server
 * of the bench's own, in heap and resident memory, at 1,000 and 10,000 configs.
 */
package dev.appserver.orchestrator.bench.density;
