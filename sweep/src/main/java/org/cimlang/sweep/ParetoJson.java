package org.cimlang.sweep;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * pareto.json: the objectives, how many points were evaluated and came out OK, and the points of the front with
 * their parameters and figures, by index.
 */
final class ParetoJson {
    private ParetoJson() {
    }

    static String render(ResultsTable table, List<Objective> objectives) {
        ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode objectiveNodes = root.putArray("objectives");
        for (Objective objective : objectives) {
            objectiveNodes.addObject().put("figure", objective.figure()).put("direction", objective.direction().word());
        }
        root.put("points", table.rows().size());
        root.put("points_ok", table.rows().stream().filter(r -> r.status() == PointStatus.OK).count());
        List<PointOutcome> front = ParetoFront.of(table.rows(), objectives);
        ArrayNode frontNodes = root.putArray("front");
        for (PointOutcome o : front) {
            ObjectNode node = frontNodes.addObject();
            node.put("index", o.index());
            ObjectNode parameters = node.putObject("parameters");
            o.parameters().forEach(parameters::put);
            ObjectNode figures = node.putObject("figures");
            o.figures().forEach(figures::put);
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write pareto.json", e);
        }
    }
}
