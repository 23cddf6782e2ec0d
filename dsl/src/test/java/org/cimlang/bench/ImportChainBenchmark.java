package org.cimlang.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.cimlang.CimStandaloneSetup;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Injector;

/**
 * Checks a generated chain of files that import each other, f0 -> f1 -> ... -> f(N-1), the way
 * {@code cim check FOLDER} does: every file loaded into one resource set, then each validated. Not a
 * test: it prints the time. Usage (after {@code mvn -pl dsl -am verify -Dexec.skip}):
 *
 * <pre>
 * java -cp dsl/target/test-classes:dsl/target/classes:compiler/target/classes:io/target/classes:DEPENDENCIES \
 *      org.cimlang.bench.ImportChainBenchmark [files=2000] [namespace|file] [open|cycle]
 * </pre>
 *
 * {@code namespace} chains {@code import p1.*} lines, {@code file} chains {@code import "f1.cim"};
 * {@code cycle} makes the last file import the first, so that every file is in one cycle.
 */
public final class ImportChainBenchmark {
    private static final String CHIP = """
            chip C%d {
                tiles 4
                arrays per tile 8
                array 128 x 128 { cell bits 2 }
                adc bits 8
            }
            """;

    private ImportChainBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        boolean namespace = args.length <= 1 || "namespace".equals(args[1]);
        boolean cycle = args.length > 2 && "cycle".equals(args[2]);
        Path dir = Files.createTempDirectory("cim-import-chain");
        Files.writeString(dir.resolve("cim.workspace"), "");
        for (int i = 0; i < n; i++) {
            int next = i + 1 < n ? i + 1 : cycle ? 0 : -1;
            String imp = next < 0 ? "" : namespace ? "import p" + next + ".*\n" : "import \"f" + next + ".cim\"\n";
            Files.writeString(dir.resolve("f" + i + ".cim"), "package p" + i + "\n" + imp + CHIP.formatted(i));
        }
        Injector injector = new CimStandaloneSetup().createInjectorAndDoEMFRegistration();
        IResourceValidator validator = injector.getInstance(IResourceValidator.class);
        long t0 = System.nanoTime();
        XtextResourceSet rs = injector.getInstance(XtextResourceSet.class);
        List<Resource> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(rs.getResource(URI.createFileURI(dir.resolve("f" + i + ".cim").toString()), true));
        }
        long t1 = System.nanoTime();
        int errors = 0;
        long longestMessage = 0;
        for (Resource r : files) {
            for (Issue issue : validator.validate(r, CheckMode.ALL, CancelIndicator.NullImpl)) {
                errors += issue.getSeverity() == Severity.ERROR ? 1 : 0;
                longestMessage = Math.max(longestMessage, issue.getMessage().length());
            }
        }
        long t2 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "%d files, %s imports%s: load %.2f s, validate every file %.2f s (%.2f ms per"
                + " file); %d errors, longest message %d characters; heap in use %d MB%n", n,
                namespace ? "namespace" : "file", cycle ? ", one cycle through all" : "", (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (t2 - t1) / 1e6 / n, errors, longestMessage, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }
}
