package dev.appserver.orchestrator.admin.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every admin command shares, and the way each reports: output, errors, exit status. */
final class ServerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:APPSERVER_SERVER:-http://127.0.0.1:6738}",
            description = "The admin API (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:APPSERVER_TOKEN}",
            description = "The admin API's bearer token (default: $APPSERVER_TOKEN).")
    String token;

    @Option(names = "--json", description = "Print the API's JSON answer instead of a summary.")
    boolean json;

    /** What a command does with its client; returns what to print when not {@code --json}. */
    @FunctionalInterface
    interface Call {
        Result run(AdminClient client) throws AdminCallException;
    }

    /** The API's answer and its readable form. */
    record Result(JsonNode json, String summary) {}

    /** Runs {@code call}, prints its result or its one-line error, and returns the exit status. */
    int run(Call call) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Result result = call.run(new AdminClient(server, Optional.ofNullable(token)));
            if (json && !result.json().isMissingNode()) {
                out.println(AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result.json()));
            } else {
                out.print(result.summary());
            }
            out.flush();
            return 0;
        } catch (AdminCallException e) {
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            err.flush();
            return e.exitCode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JsonNode always serializes", e);
        }
    }
}
