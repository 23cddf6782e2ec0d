package org.cimlang.ide.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.lsp4j.jsonrpc.json.MessageJsonHandler;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class LspJsonTest {
    /** The Gson that LSP4J writes its messages with. */
    private static final Gson WIRE = new MessageJsonHandler(Map.of()).getGson();

    @Test
    void anObjectReachesTheWireAsTheSameJsonGsonWouldHaveWrittenForIt() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("mapping", "M");
        o.put("network", (String) null);
        o.put("errors", 0);
        o.put("macs", 16_384L);
        o.put("throughputPerS", 1.2499999999999999E8);
        o.put("latencyS", 8.0E-9);
        o.put("utilisation", 1.0);
        o.put("fits", true);
        o.put("report", "layer  kind\n\"quoted\" <tag> & \u00e9");
        o.putArray("layers").addObject().putArray("allocations").add("0..7");

        JsonObject g = new JsonObject();
        g.addProperty("mapping", "M");
        g.add("network", JsonNull.INSTANCE);
        g.addProperty("errors", 0);
        g.addProperty("macs", 16_384L);
        g.addProperty("throughputPerS", 1.2499999999999999E8);
        g.addProperty("latencyS", 8.0E-9);
        g.addProperty("utilisation", 1.0);
        g.addProperty("fits", true);
        g.addProperty("report", "layer  kind\n\"quoted\" <tag> & \u00e9");
        JsonArray allocations = new JsonArray();
        allocations.add("0..7");
        JsonObject layer = new JsonObject();
        layer.add("allocations", allocations);
        JsonArray layers = new JsonArray();
        layers.add(layer);
        g.add("layers", layers);

        assertEquals(WIRE.toJson(g), WIRE.toJson(LspJson.toLsp(o)));
    }

    @Test
    void jsonReceivedFromTheClientBecomesTheSameJacksonTree() {
        JsonNode data = LspJson.fromLsp(JsonParser.parseString("[\"tile=3\", 12, null, true]")).orElseThrow();
        assertTrue(data.isArray());
        assertEquals("tile=3", data.get(0).asText());
        assertEquals(12, data.get(1).asInt());
        assertTrue(data.get(2).isNull());
        assertTrue(data.get(3).asBoolean());
    }

    @Test
    void valuesThatAreNotJsonTreesAreLeftToTheCaller() {
        assertTrue(LspJson.fromLsp(new String[] {"tile=3"}).isEmpty());
        assertTrue(LspJson.fromLsp("tile=3").isEmpty());
        assertTrue(LspJson.fromLsp(null).isEmpty());
    }

    @Test
    void embeddedJsonTextKeepsItsNumbersAndKeyOrder() {
        String report = "{\"format\":\"cimlang.simulation\",\"seed\":42,\"std\":0.07518784346924412,\"z\":null,\"a\":[]}";
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("report", LspJson.parse(report));
        assertEquals("{\"report\":" + WIRE.toJson(JsonParser.parseString(report)) + "}", WIRE.toJson(LspJson.toLsp(o)));
    }
}
