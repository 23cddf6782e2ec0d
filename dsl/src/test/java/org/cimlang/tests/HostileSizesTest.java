package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.cim.Mapping;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.program.ProgramJson;
import org.cimlang.semantic.CimSemantics;
import org.cimlang.validation.BoundedResourceValidator;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * Files of absurd size, generated here: each case took from 40 s to minutes (or gigabytes) before, and
 * must now finish well inside generous limits. The limits are 5-10 times what a loaded 2-core machine
 * needs, so that they catch a return of quadratic work, not a slow day.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class HostileSizesTest {
    @Inject
    CimTestSupport support;

    @Inject
    CimSemantics semantics;

    private static final String CHIP = """
            chip C {
                tiles 16777216
                arrays per tile 64
                array 128 x 128 { cell bits 2 }
                adc bits 8
            }
            """;

    private static String chain(int layers) {
        StringBuilder b = new StringBuilder(CHIP).append("network N {\n    input x [16]\n");
        String prev = "x";
        for (int i = 0; i < layers; i++) {
            b.append("    dense l").append(i).append(" from ").append(prev).append(" units 16\n");
            prev = "l" + i;
        }
        return b.append("}\nquantization Q for N { weights int8 activations uint8 }\n")
                .append("mapping M for N on C with Q { schedule pipeline }\n").toString();
    }

    @Test
    void aThirtyThousandLayerNetworkChecksCompilesAndWritesItsProgramWithinLimits() {
        // before: compile 88 s and 1.8 GB (a lookup per layer scanned all layers)
        assertTimeout(Duration.ofSeconds(60), () -> {
            Resource r = support.load(chain(30_000)).get(0);
            assertEquals("", Src.errors(support.validate(r)));
            Mapping m = (Mapping) CimTestSupport.model(r).getElements().get(3);
            Compilation c = semantics.compile(m);
            assertEquals(30_000, c.result().layers().size());
            // written a layer at a time into a writer that keeps only the text's end, as the CLI streams it
            TailWriter tail = new TailWriter(1 << 20);
            ProgramJson.write(c, origin -> null, tail);
            assertTrue(tail.chars > 100_000_000L, "30,000 layers of about 4 KB each: " + tail.chars);
            assertTrue(tail.end().contains("\"l29999\""), "the program lists the last layer");
        });
    }

    /** Counts what is written and keeps its last characters. */
    private static final class TailWriter extends java.io.Writer {
        private final StringBuilder end = new StringBuilder();
        private final int keep;
        long chars;

        TailWriter(int keep) {
            this.keep = keep;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            chars += len;
            end.append(buf, off, len);
            if (end.length() > 2 * keep) {
                end.delete(0, end.length() - keep);
            }
        }

        String end() {
            return end.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aChainOfAThousandImportsIsCheckedWithinLimits() {
        // before: 2,000 files took 206 s (every import's files were found by scanning every name)
        assertTimeout(Duration.ofSeconds(60), () -> {
            int n = 1000;
            Map<String, String> files = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                files.put("f" + i + ".cim", "package p" + i + "\n" + (i + 1 < n ? "import p" + (i + 1) + ".*\n" : "")
                        + CHIP.replace("chip C", "chip C" + i));
            }
            List<Resource> rs = support.loadFiles(files);
            assertEquals("", Src.errors(support.validate(rs.get(0))));
            assertEquals("", Src.errors(support.validate(rs.get(n / 2))));
        });
    }

    @Test
    void moreThanAThousandErrorsInAFileAreCappedWithOneSummary() {
        StringBuilder b = new StringBuilder("network N {\n    input x [4]\n");
        for (int i = 0; i < 3000; i++) {
            b.append("    dense l").append(i).append(" from nowhere units 4\n");
        }
        List<Issue> issues = assertTimeout(Duration.ofSeconds(60), () -> support.issues(b.append("}\n").toString()));
        assertEquals(BoundedResourceValidator.MAX_ISSUES + 1, issues.size());
        Issue summary = issues.stream().filter(i -> BoundedResourceValidator.TOO_MANY_ISSUES.equals(i.getCode()))
                .findFirst().orElseThrow();
        assertEquals(Severity.ERROR, summary.getSeverity());
        // each layer gets an unknown-input error and an unused-layer warning: 6,000 in all
        assertEquals("and 5,000 more errors and warnings in this file (the first 1,000 are shown): fix those first",
                summary.getMessage());
    }

    @Test
    void aFileBeyondTheCheckedSizeIsNotParsedAndGetsOneClearError() {
        // a 10 MB line of garbage: before, 650,000 syntax errors and 1.27 GB, then 51 s and 1.4 GB of recovery
        String garbage = "chip C { tiles 4 } " + "} x ".repeat(10 << 18);
        List<Issue> issues = assertTimeout(Duration.ofSeconds(20), () -> support.issues(garbage));
        assertEquals(1, issues.size(), () -> issues.toString());
        Issue tooBig = issues.get(0);
        assertEquals(BoundedResourceValidator.FILE_TOO_BIG, tooBig.getCode());
        assertEquals(String.format(java.util.Locale.ROOT, "a.cim has %,d characters; cim reads files of up to "
                + "6,291,456 characters: split it into files that import each other", garbage.length()),
                tooBig.getMessage());
    }

    @Test
    void aFileJustWithinTheCheckedSizeIsStillParsedAndChecked() throws Exception {
        String src = chain(10) + " ".repeat(BoundedResourceValidator.MAX_CHECKED_CHARS - chain(10).length() - 1)
                + "x";
        List<Issue> issues = support.issues(src);
        assertTrue(issues.stream().anyMatch(i -> i.getCode() != null && i.getCode().contains("Syntax")
                || i.getMessage().contains("'x'")), () -> "the stray 'x' at the end is reported: " + issues);
    }

    @Test
    void replicate2To40OnAHugeChipFailsFastWithTheLargestListableReplicate() {
        // before: 12.9 s and 1.2 GB of per-replica allocations before the error
        String src = CHIP.replace("arrays per tile 64", "arrays per tile 16777216") + """
                network N {
                    input x [1, 32, 32]
                    conv2d a from x filters 16 kernel 3 padding 1
                    conv2d b from a filters 16 kernel 3 padding 1
                }
                quantization Q for N { weights int8 activations uint8 }
                mapping M for N on C with Q {
                    place a replicate 1099511627776
                    place b replicate auto
                }
                """;
        List<Issue> errors = assertTimeout(Duration.ofSeconds(30), () -> support.issues(src)).stream()
                .filter(i -> i.getSeverity() == Severity.ERROR).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).getMessage().startsWith("replicate 1,099,511,627,776 of a asks for"),
                errors.get(0).getMessage());
        assertTrue(errors.get(0).getMessage().contains("the engine lays out at most 1,048,576 arrays per layer"),
                errors.get(0).getMessage());
    }
}
