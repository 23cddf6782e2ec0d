package org.cimlang.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bound of the float reference: 1e-4, relative to the outputs once they exceed 1 (float32 rounds relatively). */
class ReferenceReportTest {

    private static ReferenceReport report(double diff, double largest) {
        return new ReferenceReport(2, 1000, diff, 0, 7, largest, 2, ReferenceReport.DEFAULT_TOLERANCE, "1.23.2");
    }

    @Test
    void smallLogitsAreHeldToTheAbsoluteBound() {
        assertEquals(1e-4, report(0, 0.2).bound(), 0);
        assertTrue(report(5e-8, 0.2).agrees());
        assertFalse(report(2e-4, 0.2).agrees());
        assertTrue(report(5e-8, 0.2).summary().endsWith("agrees (< 1e-04)"), report(5e-8, 0.2).summary());
    }

    @Test
    void largeLogitsAreHeldToTheBoundTimesTheLargestOutput() {
        // EfficientNet-B0 with calibrated batch norms: logits up to 37.7, float32 engines 2.9e-4 apart
        ReferenceReport r = report(2.9e-4, 37.7);
        assertEquals(3.77e-3, r.bound(), 1e-12);
        assertTrue(r.agrees());
        assertTrue(r.summary().endsWith("agrees (< 1e-04 x largest |output| = 3.77e-03)"), r.summary());
        assertFalse(report(5e-3, 37.7).agrees());
        assertTrue(report(5e-3, 37.7).summary().contains("DIFFERS (at input 0, output 7; bound 1e-04 x largest"),
                report(5e-3, 37.7).summary());
    }
}
