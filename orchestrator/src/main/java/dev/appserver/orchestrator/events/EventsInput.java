package dev.appserver.orchestrator.events;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the events to send: one JSON object per line, blank lines skipped. Every line is read and
 * checked before anything is sent, so the whole input is held in memory, and every unusable line
 * is reported, not only the first. (run-app's {@code EventsFile} stops at the first bad line and
 * keeps no parsed event, hence a reader of its own.)
 */
final class EventsInput {
    private EventsInput() {
    }

    /**
     * What the input holds.
     *
     * @param messages one per event, in input order; meaningless when there are problems
     * @param problems one per unusable line, {@code line N: reason}, in input order
     */
    record Result(List<TopicMessage> messages, List<String> problems) {
        Result {
            messages = List.copyOf(messages);
            problems = List.copyOf(problems);
        }
    }

    static Result read(BufferedReader reader, CaptureEnvelopes envelopes) throws IOException {
        requireNonNull(envelopes, "envelopes is null");
        List<TopicMessage> messages = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                messages.add(envelopes.wrap(number, object(line)));
            } catch (InvalidEventException e) {
                problems.add("line " + number + ": " + e.getMessage());
            }
        }
        return new Result(messages, problems);
    }

    private static ObjectNode object(String line) throws InvalidEventException {
        JsonNode node;
        try {
            node = CaptureEnvelopes.EXACT.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode event)) {
            throw new InvalidEventException("not a JSON object");
        }
        return event;
    }
}
