package dev.checkout.adapter.rest;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a request over real HTTP and hands back status, headers, the body and (if JSON) its tree, whatever the status. */
final class Http {
    private final HttpClient client;
    private final JsonMapper json;

    Http(HttpClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    <I> Reply send(HttpRequest<I> request) {
        HttpResponse<String> response;
        try {
            response = client.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException error) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> failed = (HttpResponse<String>) error.getResponse();
            response = failed;
        }
        String body = response.getBody(String.class).orElse("");
        boolean isJson = response.getContentType().map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE)).orElse(false);
        return new Reply(response.code(), response.getHeaders(), body, isJson ? parse(body) : JsonNode.nullNode());
    }

    private JsonNode parse(String body) {
        if (body.isBlank()) {
            return JsonNode.nullNode();
        }
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** One answer. {@link #at} walks the JSON by a dotted path, e.g. {@code error.field} or {@code items.0.sku}. */
    record Reply(int status, HttpHeaders headers, String body, JsonNode json) {

        JsonNode node(String path) {
            JsonNode node = json;
            for (String step : path.split("\\.")) {
                if (node == null) {
                    return null;
                }
                node = step.chars().allMatch(Character::isDigit) && node.isArray() ? node.get(Integer.parseInt(step)) : node.get(step);
            }
            return node;
        }

        /** The value at {@code path} as a Java value (String, Long, Boolean), or null if absent. */
        Object at(String path) {
            JsonNode node = node(path);
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isString()) {
                return node.getStringValue();
            }
            if (node.isNumber()) {
                return node.getLongValue();
            }
            if (node.isBoolean()) {
                return node.getBooleanValue();
            }
            return node;
        }

        String text(String path) {
            Object value = at(path);
            return value == null ? null : value.toString();
        }

        String header(String name) {
            return headers.get(name);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
