package dev.appserver.worker.limits;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A seccomp profile in the OCI/Docker JSON format ({@code seccomp/appserver-worker.json}): a
 * default action and rules of syscall names, an action, optional argument comparisons and an
 * optional {@code errnoRet}. Only the fields the worker's loader understands are read; a field it
 * would have to ignore to be safe (an unknown action or comparison) makes {@link #parse} fail.
 * Immutable.
 */
public record SeccompProfile(String defaultAction, List<String> architectures, List<Rule> rules) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SeccompProfile {
        requireNonNull(defaultAction, "defaultAction is null");
        architectures = List.copyOf(architectures);
        rules = List.copyOf(rules);
    }

    /** One entry of {@code syscalls}: every name gets the same action under the same conditions. */
    public record Rule(List<String> names, String action, Integer errnoRet, List<ArgCondition> args) {
        public Rule {
            names = List.copyOf(names);
            requireNonNull(action, "action is null");
            args = List.copyOf(args);
        }
    }

    /** An argument comparison: {@code op} is an {@code SCMP_CMP_*} name; for MASKED_EQ {@code value} is the mask. */
    public record ArgCondition(int index, long value, long valueTwo, String op) {
        public ArgCondition {
            requireNonNull(op, "op is null");
        }
    }

    public static SeccompProfile read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    static SeccompProfile parse(String json) throws IOException {
        JsonNode root = JSON.readTree(json);
        String defaultAction = text(root, "defaultAction");
        List<String> architectures = new ArrayList<>();
        root.path("architectures").forEach(a -> architectures.add(a.asText()));
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("syscalls")) {
            List<String> names = new ArrayList<>();
            rule.path("names").forEach(n -> names.add(n.asText()));
            if (names.isEmpty()) {
                throw new IOException("a syscalls entry has no names");
            }
            List<ArgCondition> args = new ArrayList<>();
            for (JsonNode arg : rule.path("args")) {
                args.add(new ArgCondition(arg.path("index").asInt(), arg.path("value").asLong(),
                        arg.path("valueTwo").asLong(), text(arg, "op")));
            }
            Integer errnoRet = rule.hasNonNull("errnoRet") ? rule.get("errnoRet").asInt() : null;
            rules.add(new Rule(names, text(rule, "action"), errnoRet, args));
        }
        return new SeccompProfile(defaultAction, architectures, rules);
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException("seccomp profile: missing \"" + field + "\"");
        }
        return value.asText();
    }
}
