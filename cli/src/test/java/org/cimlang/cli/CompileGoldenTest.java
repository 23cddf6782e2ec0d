package org.cimlang.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cim compile} on every shipped experiment against its reviewed report
 * (src/test/resources/golden/NAME.txt). A change in mapping, schedule or cost shows up here as a
 * diff to review; after reviewing, regenerate with {@code -Dcim.updateGolden=true}.
 */
class CompileGoldenTest {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    @TempDir
    Path out;

    static List<Path> experiments() throws Exception {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> !d.getFileName().toString().equals("chips")
                            && !d.getFileName().toString().equals("networks"))
                    .map(d -> d.resolve(d.getFileName() + ".cim")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> compileReportsMatchTheReviewedGoldenFiles() throws Exception {
        boolean update = Boolean.getBoolean("cim.updateGolden");
        return experiments().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            CliRun r = CliRun.of("compile", file.toString(), "-o", out.toString());
            assertEquals(0, r.exitCode(), r.err());
            Path golden = GOLDEN.resolve(file.getFileName().toString().replace(".cim", ".txt"));
            if (update) {
                Files.writeString(golden, r.out());
            }
            assertEquals(Files.readString(golden), r.out(), "report of " + file + " differs from " + golden);
        }));
    }
}
