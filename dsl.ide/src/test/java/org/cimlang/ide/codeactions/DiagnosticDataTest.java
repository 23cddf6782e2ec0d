package org.cimlang.ide.codeactions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

class DiagnosticDataTest {

    @Test
    void dataSentBackByTheClientIsReadAsTheServerWroteIt() {
        DiagnosticData d = DiagnosticData.of(JsonParser.parseString("[\"c1\", \"tile=3\", \"arrays=12\"]"));
        assertEquals(Optional.of("c1"), d.get(0));
        assertEquals(Optional.of("3"), d.get("tile"));
        assertEquals(Optional.of(12L), d.number("arrays"));
        assertEquals(Optional.empty(), d.get(3));
    }

    @Test
    void nullsAndNestedValuesOfTheClientsArrayAreSkipped() {
        DiagnosticData d = DiagnosticData.of(JsonParser.parseString("[null, [\"x\"], {\"a\": 1}, 7, false]"));
        assertEquals(Optional.of("7"), d.get(0));
        assertEquals(Optional.of("false"), d.get(1));
        assertEquals(Optional.empty(), d.get(2));
    }

    @Test
    void aSingleValueAndTheServersOwnArrayAreReadToo() {
        assertEquals(Optional.of("int8"), DiagnosticData.of(new JsonPrimitive("int8")).get(0));
        assertEquals(Optional.of("4"), DiagnosticData.of(new String[] {"bits=4"}).get("bits"));
        assertEquals(Optional.of("mV"), DiagnosticData.of(List.of(new JsonPrimitive("mV"))).get(0));
        assertEquals(Optional.of("s"), DiagnosticData.of("s").get(0));
    }

    @Test
    void aNonNumericValueIsNoNumber() {
        assertEquals(Optional.empty(), DiagnosticData.of(new String[] {"arrays=many"}).number("arrays"));
    }
}
