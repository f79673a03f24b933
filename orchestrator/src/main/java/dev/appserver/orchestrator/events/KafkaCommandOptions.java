package dev.appserver.orchestrator.events;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the commands that talk to Kafka themselves ({@code events send}, {@code bench}) share, as a
 * picocli mixin: the {@code --kafka} option, and the way they report a problem, one line on
 * standard error after the command's name.
 */
public final class KafkaCommandOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "HOST:PORT", defaultValue = "${env:APPSERVER_KAFKA:-127.0.0.1:9092}",
            description = "Kafka's bootstrap servers (default: $APPSERVER_KAFKA, else 127.0.0.1:9092).")
    String kafka;

    /** @return the bootstrap servers */
    public String kafka() {
        return kafka;
    }

    /** Prints {@code message} as the command's error. @return {@code exitCode} */
    public int fail(String message, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + message);
        err.flush();
        return exitCode;
    }
}
