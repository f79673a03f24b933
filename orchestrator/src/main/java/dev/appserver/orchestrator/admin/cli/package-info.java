/**
 * {@code appserver apps ...} and {@code appserver configs ...}: the admin HTTP API from the command
 * line. {@link dev.appserver.orchestrator.admin.cli.AdminClient} makes the calls; each command
 * prints a readable summary, or the API's JSON with {@code --json}. An API refusal is one line on
 * standard error and exit status 2; a server error or an unreachable server, exit status 1.
 */
package dev.appserver.orchestrator.admin.cli;
