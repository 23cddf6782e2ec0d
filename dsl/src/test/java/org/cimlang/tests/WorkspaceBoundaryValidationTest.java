package org.cimlang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.cimlang.validation.CimIssueCodes;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Inject;

/**
 * Weights, datasets, calibration data, reports and imported files must lie inside the workspace (see
 * WorkspaceBoundary).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class WorkspaceBoundaryValidationTest {
    @Inject
    CimTestSupport support;

    @TempDir
    Path dir;

    private static String design(String weights, String dataset, String report) {
        return """
                chip C {
                    tiles 4
                    arrays per tile 8
                    array 128 x 128 { cell bits 2 }
                    adc bits 8
                }
                network N {
                    input img [1, 28, 28]
                    flatten f from img
                    dense d from f units 10
                    weights "%s"
                }
                mapping M for N on C {
                }
                simulation S of M {
                    dataset mnist "%s"
                    report "%s"
                }
                """.formatted(weights, dataset, report);
    }

    private List<Issue> outside(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Resource r = support.newResourceSet().getResource(URI.createFileURI(file.toString()), true);
        return support.validate(r).stream().filter(i -> CimIssueCodes.PATH_OUTSIDE.equals(i.getCode())).toList();
    }

    @Test
    void weightsDatasetAndReportOutsideTheWorkspaceAreErrorsNamingThePathAndTheFix() throws Exception {
        Files.writeString(dir.resolve("cim.workspace"), "");
        List<Issue> issues = outside(dir.resolve("a.cim"), design("/etc/shadow", "/", "/tmp/x/y"));
        assertEquals(3, issues.size(), Src.render(issues));
        for (Issue i : issues) {
            assertTrue(i.getMessage().contains("lies outside the workspace " + dir.toAbsolutePath().normalize())
                    && i.getMessage().contains("cim.workspace") && i.getMessage().contains("allow "), i.getMessage());
        }
        assertTrue(issues.get(0).getMessage().startsWith("weights file \"/etc/shadow\""), issues.get(0).getMessage());
        // the live weights check must not say anything about the file: it was never opened
        assertTrue(issues.stream().noneMatch(i -> i.getMessage().contains("cannot be read")));
    }

    @Test
    void pathsInsideTheWorkspaceOrInAnAllowedFolderPass() throws Exception {
        Files.createDirectories(dir.resolve("shared/data"));
        Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project/cim.workspace"), "# the data lives beside the project\nallow ../shared\n");
        List<Issue> issues = outside(dir.resolve("project/nets/a.cim"),
                design("../w.npz", "../../shared/data", "out/run"));
        assertEquals(List.of(), issues, Src.render(issues));
        List<Issue> notAllowed = outside(dir.resolve("project/nets/b.cim"), design("w.npz", "../../elsewhere", "r"));
        assertEquals(1, notAllowed.size(), Src.render(notAllowed));
    }

    @Test
    void aFileWithoutAMarkerHasItsOwnFolderAsWorkspace() throws Exception {
        List<Issue> issues = outside(dir.resolve("loose/a.cim"), design("a.npz", "../data", "out/r"));
        assertEquals(1, issues.size(), Src.render(issues));
        assertTrue(issues.get(0).getMessage().startsWith("dataset \"../data\""), issues.get(0).getMessage());
    }

    /* ----------------------------------------------------------- imports */

    private static final String CHIP = """
            chip Chip {
                tiles 4
                arrays per tile 8
                array 128 x 128 { cell bits 2 }
                adc bits 8
            }
            """;

    private static final String USES_CHIP = """
            network N {
                input img [784]
                dense d from img units 10
            }
            quantization Q for N {
                weights int8
            }
            mapping M for N on Chip with Q {
            }
            """;

    private Resource loadFrom(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return support.newResourceSet().getResource(URI.createFileURI(file.toString()), true);
    }

    private static List<Issue> withCode(List<Issue> issues, String code) {
        return issues.stream().filter(i -> code.equals(i.getCode())).toList();
    }

    @Test
    void anImportOutsideTheWorkspaceIsAnErrorNamingThePathAndTheAllowLineAndTheFileIsNotRead() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project/cim.workspace"), "");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/hw.cim"), CHIP);
        Resource main = loadFrom(dir.resolve("project/main.cim"), "import \"../lib/hw.cim\"\n\n" + USES_CHIP);
        List<Issue> issues = withCode(support.validate(main), CimIssueCodes.PATH_OUTSIDE);
        Path root = dir.resolve("project").toAbsolutePath().normalize();
        Path lib = dir.resolve("lib").toAbsolutePath().normalize();
        assertEquals(List.of("imported file \"../lib/hw.cim\" (" + lib.resolve("hw.cim") + ") lies outside the workspace "
                + root + ": move it inside, or list its folder in " + root.resolve("cim.workspace") + " with a line 'allow "
                + lib + "'"), issues.stream().map(Issue::getMessage).toList());
        assertEquals(1, issues.get(0).getLineNumber());
        assertEquals(1, main.getResourceSet().getResources().size(), "the file outside was loaded");
    }

    @Test
    void anAbsoluteImportOutsideIsOutsideWhetherOrNotTheFileExists() throws Exception {
        Files.writeString(dir.resolve("cim.workspace"), "");
        Resource main = loadFrom(dir.resolve("main.cim"), "import \"/etc/passwd.cim\"\nimport \"/nonexistent/x.cim\"\n");
        List<Issue> issues = support.validate(main);
        assertEquals(2, withCode(issues, CimIssueCodes.PATH_OUTSIDE).size(), Src.render(issues));
        // a "no such file" error would tell the design what exists outside its workspace
        assertEquals(List.of(), withCode(issues, CimIssueCodes.IMPORT_MISSING), Src.render(issues));
    }

    @Test
    void anImportFromAnAllowedFolderResolves() throws Exception {
        Files.createDirectories(dir.resolve("project"));
        Files.writeString(dir.resolve("project/cim.workspace"), "allow ../lib\n");
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/hw.cim"), CHIP);
        Resource main = loadFrom(dir.resolve("project/main.cim"), "import \"../lib/hw.cim\"\n\n" + USES_CHIP);
        assertEquals("", Src.errors(support.validate(main)));
    }

    @Test
    void anImportIntoASiblingFolderWithoutAMarkerIsOutsideTheImportersFolder() throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/hw.cim"), CHIP);
        Resource main = loadFrom(dir.resolve("app/main.cim"), "import \"../lib/hw.cim\"\n\n" + USES_CHIP);
        List<Issue> outside = withCode(support.validate(main), CimIssueCodes.PATH_OUTSIDE);
        assertEquals(1, outside.size());
        assertTrue(outside.get(0).getMessage().contains("outside the workspace " + dir.resolve("app").toAbsolutePath()
                .normalize()), outside.get(0).getMessage());
    }
}
