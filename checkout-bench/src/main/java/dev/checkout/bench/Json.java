package dev.checkout.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;

/** JSON in and out: one shared mapper, and a cheap top-level field reader for the hot loop. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private Json() {
    }

    static JsonNode tree(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return MAPPER.nullNode();
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /**
     * The string value of a top-level field, or null; stops reading at the field, skipping nested objects, so a
     * token's id costs a fraction of a full parse (its nested card has an "id" of its own).
     */
    static String topLevelString(String body, String field) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(field)) {
                    return value == JsonToken.VALUE_STRING || value.isNumeric() ? p.getText() : null;
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
