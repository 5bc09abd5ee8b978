package dev.checkout.adapter.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * Parses a request body into a JSON tree, stricter than data binding: exactly one JSON value (trailing content is
 * refused) and no repeated key ({@code {"amount": 1, "amount": 9}} has no single meaning). Jackson's stream limits
 * (nesting depth, number and string length) apply. Integers keep their exact type; fractions become BigDecimal.
 */
final class JsonTree {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonTree() {
    }

    /** The one value in {@code body}, or null if it holds none (only whitespace). */
    static @Nullable JsonNode parse(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            JsonNode root;
            try {
                root = read(parser, first);
            } catch (NumberFormatException | ArithmeticException unrepresentable) {
                // e.g. 1e999999999999999999: Jackson refuses to build the BigDecimal; that is the client's input too
                throw new JsonParseException(parser, "a number in the body is out of range");
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value in the body");
            }
            return root;
        }
    }

    private static JsonNode read(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_OBJECT -> {
                var fields = new LinkedHashMap<String, JsonNode>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    fields.put(name, read(parser, parser.nextToken()));
                }
                yield JsonNode.createObjectNode(fields);
            }
            case START_ARRAY -> {
                var values = new ArrayList<JsonNode>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    values.add(read(parser, next));
                }
                yield JsonNode.createArrayNode(values);
            }
            case VALUE_STRING -> JsonNode.createStringNode(parser.getText());
            case VALUE_NUMBER_INT -> JsonNode.createNumberNodeImpl(parser.getNumberValue()); // Integer, Long or BigInteger
            case VALUE_NUMBER_FLOAT -> JsonNode.createNumberNode(parser.getDecimalValue());   // exact, never Infinity
            case VALUE_TRUE -> JsonNode.createBooleanNode(true);
            case VALUE_FALSE -> JsonNode.createBooleanNode(false);
            case VALUE_NULL -> JsonNode.nullNode();
            default -> throw new JsonParseException(parser, "unexpected " + token);
        };
    }
}
