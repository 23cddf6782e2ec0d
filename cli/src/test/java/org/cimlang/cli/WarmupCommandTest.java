package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WarmupCommandTest {
    @Test
    void builtInWarmupExampleCompilesCleanlyAndPrintsNothing() {
        CliRun r = CliRun.of("warmup");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
    }
}
