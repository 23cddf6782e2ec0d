package org.cimlang.ide.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The one place where cimlang's JSON (built with Jackson, like the program and the run report) meets
 * LSP4J, which serialises with Gson: a custom request's answer crosses here as text, so the wire format is
 * exactly what Jackson wrote.
 */
final class LspJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LspJson() {
    }

    static JsonObject toLsp(ObjectNode node) {
        try {
            return JsonParser.parseString(JSON.writeValueAsString(node)).getAsJsonObject();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a cim request's answer could not be rendered as JSON", e);
        }
    }

    /** A JSON document (e.g. the run report) as a tree to embed in an answer. */
    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cimlang produced JSON it cannot read back: " + e.getOriginalMessage(), e);
        }
    }
}
