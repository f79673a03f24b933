package dev.appserver.orchestrator.hostservices.geoip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shapes a raw MaxMind City record the way {@code @maxmind/geoip2-node}'s {@code Reader.city(ip)}
 * does, because that object is what PostHog handed apps as the result of {@code geoip.locate}:
 * keys camel-cased at every depth ({@code iso_code} to {@code isoCode}; {@code pt-BR} stays),
 * only the model's top-level fields, in the model's order, absent ones left out;
 * {@code registeredCountry.isInEuropeanUnion} and the {@code traits.is*} flags always present as
 * booleans; {@code traits.ipAddress} the queried text and {@code traits.network} the matched
 * network. Nested keys are written sorted, which is the order MaxMind's database writer stores
 * them in and so the order Node shows.
 */
final class CityJson {
    /** {@code Country}'s fields, then {@code City}'s, as the Node model declares them. */
    private static final List<String> MODEL_FIELDS = List.of(
            "continent", "country", "maxmind", "registered_country", "represented_country", "traits",
            "city", "location", "postal", "subdivisions");
    private static final List<String> BOOLEAN_TRAITS = List.of(
            "isAnonymous", "isAnonymousProxy", "isAnonymousVpn", "isAnycast", "isHostingProvider",
            "isLegitimateProxy", "isPublicProxy", "isResidentialProxy", "isSatelliteProvider", "isTorExitNode");
    private static final double MAX_SAFE_INTEGER = 0x1p53;
    private static final Pattern SNAKE = Pattern.compile("_+(\\w?)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CityJson() {}

    static String of(Map<String, Object> record, String queriedText, String network) {
        ObjectNode city = NODES.objectNode();
        for (String field : MODEL_FIELDS) {
            Object value = record.get(field);
            if (field.equals("traits")) {
                city.set("traits", traits(value, queriedText, network));
            } else if (field.equals("registered_country") && value instanceof Map<?, ?> country) {
                ObjectNode registered = (ObjectNode) node(country);
                registered.put("isInEuropeanUnion", registered.path("isInEuropeanUnion").asBoolean(false));
                city.set("registeredCountry", registered);
            } else if (value != null) {
                city.set(camelCase(field), node(value));
            }
        }
        return city.toString();
    }

    private static ObjectNode traits(Object raw, String queriedText, String network) {
        ObjectNode traits = raw instanceof Map<?, ?> map ? (ObjectNode) node(map) : NODES.objectNode();
        for (String flag : BOOLEAN_TRAITS) {
            traits.put(flag, traits.path(flag).asBoolean(false));
        }
        if (!traits.has("ipAddress")) {
            traits.put("ipAddress", queriedText);
        }
        if (!traits.has("network")) {
            traits.put("network", network);
        }
        return traits;
    }

    private static JsonNode node(Object value) {
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = NODES.objectNode();
            new TreeMap<>(map).forEach((key, child) -> object.set(camelCase(String.valueOf(key)), node(child)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(node(element)));
            return array;
        }
        if (value instanceof Float single) {
            // Node decodes a MaxMind float into a double without rounding it back to a short decimal.
            return number(single.doubleValue());
        }
        if (value instanceof Double number) {
            return number(number);
        }
        return JSON.valueToTree(value);
    }

    /** A JavaScript number as {@code JSON.stringify} writes it: {@code 62}, not {@code 62.0}. */
    private static JsonNode number(double value) {
        boolean integral = value == Math.rint(value) && Math.abs(value) < MAX_SAFE_INTEGER;
        return integral ? NODES.numberNode((long) value) : NODES.numberNode(value);
    }

    /** Node's {@code snakeToCamelCase}: underscores dropped, the next character upper-cased unless first. */
    static String camelCase(String key) {
        return SNAKE.matcher(key).replaceAll(match -> Matcher.quoteReplacement(
                match.start() == 0 ? match.group(1) : match.group(1).toUpperCase(Locale.ROOT)));
    }
}
