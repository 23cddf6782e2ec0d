package org.cimlang.sweep;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An outcome (with its point's seed) as one line of JSON and back. Figures are written as Jackson writes doubles,
 * which reads back to the same double, so a resumed sweep's results equal an uninterrupted one's byte for byte;
 * NaN and infinities are kept as the non-standard tokens rather than lost.
 */
final class OutcomeJson {
    private final ObjectMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();

    /** The outcome of a point and the seed the point had; the seed tells whether a journal belongs to this sweep. */
    record Entry(long seed, PointOutcome outcome) {
    }

    String line(Entry entry) {
        PointOutcome o = entry.outcome();
        ObjectNode node = mapper.createObjectNode();
        node.put("index", o.index());
        node.put("seed", entry.seed());
        ObjectNode parameters = node.putObject("parameters");
        o.parameters().forEach(parameters::put);
        node.put("status", o.status().name());
        if (o.reason() != null) {
            node.put("reason", o.reason());
        }
        ObjectNode figures = node.putObject("figures");
        o.figures().forEach(figures::put);
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the outcome of point " + o.index() + " as JSON", e);
        }
    }

    /** The entry of one complete line; IllegalArgumentException naming what is wrong when it is not one. */
    Entry parse(String line) {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        int index = required(node, "index").asInt();
        long seed = required(node, "seed").asLong();
        Map<String, String> parameters = new LinkedHashMap<>();
        required(node, "parameters").fields().forEachRemaining(e -> parameters.put(e.getKey(), e.getValue().asText()));
        PointStatus status;
        try {
            status = PointStatus.valueOf(required(node, "status").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown status " + node.get("status"), e);
        }
        String reason = node.hasNonNull("reason") ? node.get("reason").asText() : null;
        Map<String, Double> figures = new LinkedHashMap<>();
        required(node, "figures").fields().forEachRemaining(e -> figures.put(e.getKey(), figure(e.getValue())));
        return new Entry(seed, new PointOutcome(index, parameters, status, reason, figures));
    }

    private static double figure(JsonNode value) {
        // WRITE_NAN_AS_STRINGS writes "NaN", "Infinity", "-Infinity" as strings
        return value.isTextual() ? Double.parseDouble(value.asText()) : value.asDouble();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("no \"" + field + "\"");
        }
        return value;
    }
}
