package org.cimlang.ide.json;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The one place where cimlang's JSON meets LSP4J's. cimlang builds and reads JSON with Jackson, like
 * the program and the run report; LSP4J serialises what a request returns with Gson, and hands over the
 * untyped JSON it receives (a diagnostic's {@code data}) as Gson trees. Trees cross here as JSON text,
 * so the wire carries exactly what Jackson wrote, numbers spelled and keys ordered as they were.
 */
public final class LspJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LspJson() {
    }

    /** {@code node} as the Gson tree a custom request returns to LSP4J. */
    public static JsonObject toLsp(ObjectNode node) {
        try {
            return JsonParser.parseString(JSON.writeValueAsString(node)).getAsJsonObject();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a cim request's answer could not be rendered as JSON", e);
        }
    }

    /** The Jackson tree of a value LSP4J received as JSON; empty when {@code value} is not such a tree. */
    public static Optional<JsonNode> fromLsp(Object value) {
        if (!(value instanceof JsonElement element)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(element.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("LSP4J handed over JSON that does not parse: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A JSON document cimlang rendered (e.g. the run report), as a tree to embed in an answer. */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cimlang produced JSON it cannot read back: " + e.getOriginalMessage(), e);
        }
    }
}
