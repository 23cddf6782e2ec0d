package org.cimlang.tests;

import static org.cimlang.tests.Src.frontEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.cim.Mapping;
import org.cimlang.validation.CimIssueCodes;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.google.inject.Inject;

/**
 * Duplicate names within a file and across files, {@code import "file.cim"}, namespace imports,
 * missing imports and import cycles. Files live under file:/test/ (see {@link CimTestSupport#loadFiles}).
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CimInjectorProvider.class)
class NamesAndImportsTest {
    @Inject
    CimTestSupport support;

    static final String CHIP_BODY = """
             {
                tiles 4
                arrays per tile 8
                array 128 x 128 { cell bits 2 }
                adc bits 8
            }
            """;

    static final String NET_BODY = """
             {
                input img [784]
                dense d from img units 10
            }
            """;

    /** A file that maps network {@code Net} onto chip {@code Chip}, both declared elsewhere. */
    static final String MAIN_BODY = """
            quantization Q for Net {
                weights int8
            }

            mapping M for Net on Chip with Q {
            }
            """;

    /** Validates the last of {@code files}, loaded together, and renders its front-end issues. */
    private String frontEndIssuesOfLast(Map<String, String> files) throws Exception {
        List<Resource> rs = support.loadFiles(files);
        return frontEnd(support.validate(rs.get(rs.size() - 1)));
    }

    private static Map<String, String> files(String... pathThenSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathThenSource.length; i += 2) {
            m.put(pathThenSource[i], pathThenSource[i + 1]);
        }
        return m;
    }

    /* ------------------------------------------------------ duplicates */

    @Test
    void twoDeclarationsOfOneNameInAFileAreBothErrorsNamingTheirLines() throws Exception {
        Src src = Src.valid().replace("network N {", "network C {\n    input v [4]\n}\n\nnetwork N {");
        String message = "'C' is declared twice in this file (chip on line 1, network on line 8): rename all but one";
        assertEquals(Src.lines(src.errorIn(CimIssueCodes.NAME_DUPLICATE, "chip C", "C", message),
                src.errorIn(CimIssueCodes.NAME_DUPLICATE, "network C", "C", message)),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void twoLayersOfOneNameInANetworkAreBothErrorsNamingTheirLines() throws Exception {
        Src src = Src.valid().replace("    dense d from f units 10\n",
                "    dense d from f units 10\n    dense f from d units 5\n");
        String message = "network N declares layer 'f' twice (lines 11 and 13): rename all but one";
        assertEquals(Src.lines(src.errorIn(CimIssueCodes.NAME_DUPLICATE, "flatten f", "f", message),
                src.errorIn(CimIssueCodes.NAME_DUPLICATE, "dense f", "f", message)),
                frontEnd(support.issues(src.text())));
    }

    @Test
    void layersOfOneNameInDifferentNetworksPass() throws Exception {
        Src src = Src.valid().replace("network N {", "network N2 {\n    input img [4]\n    dense d from img units 2\n}\n\n"
                + "network N {");
        assertEquals("", frontEnd(support.issues(src.text())));
    }

    @Test
    void aNameDeclaredInTwoFilesOfOnePackageIsAnErrorNamingTheOtherFile() throws Exception {
        Src b = Src.of("package lib\n\nchip Chip" + CHIP_BODY);
        String issues = frontEndIssuesOfLast(files("lib/a.cim", "package lib\n\nchip Chip" + CHIP_BODY,
                "lib/b.cim", b.text()));
        assertEquals(b.errorIn(CimIssueCodes.NAME_DUPLICATE, "chip Chip", "Chip", "chip lib.Chip is also declared in "
                + "a.cim: a name may be declared once per package across all files; rename one or delete the copy"),
                issues);
    }

    @Test
    void aNameDeclaredInAnotherFolderAsAnotherKindIsAnErrorNamingThatFileAndKind() throws Exception {
        Src b = Src.of("package lib\n\nnetwork Chip" + NET_BODY);
        String issues = frontEndIssuesOfLast(files("chips/a.cim", "package lib\n\nchip Chip" + CHIP_BODY,
                "nets/b.cim", b.text()));
        assertEquals(b.errorIn(CimIssueCodes.NAME_DUPLICATE, "network Chip", "Chip", "network lib.Chip is also "
                + "declared in ../chips/a.cim (as a chip): a name may be declared once per package across all files; "
                + "rename one or delete the copy"), issues);
    }

    @Test
    void oneNameInTwoPackagesPasses() throws Exception {
        assertEquals("", frontEndIssuesOfLast(files("a.cim", "package one\n\nchip Chip" + CHIP_BODY,
                "b.cim", "package two\n\nchip Chip" + CHIP_BODY)));
    }

    /* ---------------------------------------------------- file imports */

    @Test
    void aFileImportMakesThePackagedDeclarationsOfThatFileVisibleBySimpleName() throws Exception {
        List<Resource> rs = support.loadFiles(files(
                "lib/hw.cim", "package hw\n\nchip Chip" + CHIP_BODY + "\nnetwork Net" + NET_BODY,
                "main.cim", "import \"lib/hw.cim\"\n\n" + MAIN_BODY));
        assertEquals("", Src.errors(support.validate(rs.get(1))));
        Mapping m = (Mapping) CimTestSupport.model(rs.get(1)).getElements().get(1);
        assertEquals(rs.get(0), m.getChip().eResource());
    }

    @Test
    void aFileImportOfAFileWithoutPackageMakesItsDeclarationsVisible(@TempDir Path dir) throws Exception {
        // the workspace marker holds app/ and lib/ in one workspace (see WorkspaceBoundaryValidationTest)
        Files.writeString(dir.resolve("cim.workspace"), "");
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("lib/hw.cim"), "chip Chip" + CHIP_BODY + "\nnetwork Net" + NET_BODY);
        Files.writeString(dir.resolve("app/main.cim"), "import \"../lib/hw.cim\"\n\n" + MAIN_BODY);
        Resource main = support.newResourceSet().getResource(URI.createFileURI(dir.resolve("app/main.cim").toString()),
                true);
        assertEquals("", Src.errors(support.validate(main)));
    }

    @Test
    void withoutTheImportThePackagedNamesAreUnresolved() throws Exception {
        Src main = Src.of(MAIN_BODY);
        String issues = frontEndIssuesOfLast(files(
                "lib/hw.cim", "package hw\n\nchip Chip" + CHIP_BODY + "\nnetwork Net" + NET_BODY,
                "main.cim", main.text()));
        String net = "no network named 'Net' is imported: hw.Net is in package hw; add 'import hw.*' or write 'hw.Net'";
        assertEquals(Src.lines(
                main.errorIn(CimIssueCodes.UNRESOLVED, "for Net {", "Net", net),
                main.errorIn(CimIssueCodes.UNRESOLVED, "for Net on", "Net", net),
                main.errorIn(CimIssueCodes.UNRESOLVED, "on Chip", "Chip", "no chip named 'Chip' is imported: hw.Chip is "
                        + "in package hw; add 'import hw.*' or write 'hw.Chip'")), issues);
    }

    @Test
    void aFileImportLoadsTheImportedFileFromDiskWhenOnlyTheImporterWasOpened(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("lib/hw.cim"), "package hw\n\nchip Chip" + CHIP_BODY + "\nnetwork Net" + NET_BODY);
        Files.writeString(dir.resolve("main.cim"), "import \"lib/hw.cim\"\n\n" + MAIN_BODY);
        ResourceSet rs = support.newResourceSet();
        Resource main = rs.getResource(URI.createFileURI(dir.resolve("main.cim").toString()), true);
        assertEquals("", Src.errors(support.validate(main)));
        assertTrue(rs.getResources().stream().anyMatch(r -> r.getURI().lastSegment().equals("hw.cim")),
                "hw.cim was loaded into the resource set");
    }

    @Test
    void anImportOfAMissingFileIsAnErrorNamingTheResolvedPath() throws Exception {
        Src main = Src.of("import \"lib/nothere.cim\"\n");
        assertEquals(main.error(CimIssueCodes.IMPORT_MISSING, "\"lib/nothere.cim\"", "cannot import "
                + "\"lib/nothere.cim\": there is no file /test/app/lib/nothere.cim: fix the path, which is relative to "
                + "this file's folder"), frontEndIssuesOfLast(files("app/main.cim", main.text())));
    }

    @Test
    void anImportOfAMissingFileOnDiskIsAnErrorAndLeavesNoEmptyResourceBehind(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("main.cim"), "import \"nothere.cim\"\n");
        ResourceSet rs = support.newResourceSet();
        Resource main = rs.getResource(URI.createFileURI(dir.resolve("main.cim").toString()), true);
        Src src = Src.of("import \"nothere.cim\"\n");
        assertEquals(src.error(CimIssueCodes.IMPORT_MISSING, "\"nothere.cim\"", "cannot import \"nothere.cim\": there "
                + "is no file " + dir.resolve("nothere.cim") + ": fix the path, which is relative to this file's folder"),
                frontEnd(support.validate(main)));
        assertEquals(1, rs.getResources().size());
    }

    @Test
    void anImportOfAnAbsolutePathThatIsMissingDoesNotMentionRelativePaths() throws Exception {
        Src main = Src.of("import \"/test/nowhere/chips.cim\"\n");
        assertEquals(main.error(CimIssueCodes.IMPORT_MISSING, "\"/test/nowhere/chips.cim\"", "cannot import "
                + "\"/test/nowhere/chips.cim\": there is no file /test/nowhere/chips.cim: fix the path"),
                frontEndIssuesOfLast(files("main.cim", main.text())));
    }

    @Test
    void anImportOfAFolderIsAnErrorAskingForOneOfItsFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("main.cim"), "import \"lib\"\n");
        Resource main = support.newResourceSet().getResource(URI.createFileURI(dir.resolve("main.cim").toString()), true);
        Src src = Src.of("import \"lib\"\n");
        assertEquals(src.error(CimIssueCodes.IMPORT_MISSING, "\"lib\"", "cannot import \"lib\": " + dir.resolve("lib")
                + " is a folder: import one of its .cim files"), frontEnd(support.validate(main)));
    }

    @Test
    void anImportOfAFileThatIsNotCimIsAnError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("weights.npz"), "not a cim file");
        Files.writeString(dir.resolve("main.cim"), "import \"weights.npz\"\n");
        Resource main = support.newResourceSet().getResource(URI.createFileURI(dir.resolve("main.cim").toString()), true);
        Src src = Src.of("import \"weights.npz\"\n");
        assertEquals(src.error(CimIssueCodes.IMPORT_MISSING, "\"weights.npz\"", "cannot import \"weights.npz\": "
                + dir.resolve("weights.npz") + " is not a .cim file: only .cim files can be imported"),
                frontEnd(support.validate(main)));
    }

    /* -------------------------------------------------- namespace imports */

    @Test
    void aNamespaceImportMakesThePackageVisibleBySimpleName() throws Exception {
        assertEquals("", frontEndIssuesOfLast(files(
                "chips.cim", "package chips\n\nchip Chip" + CHIP_BODY,
                "nets.cim", "package nets\n\nnetwork Net" + NET_BODY,
                "main.cim", "import chips.*\nimport nets.Net\n\n" + MAIN_BODY)));
    }

    @Test
    void anImportOfAnUnknownPackageIsAnErrorSuggestingTheClosestPackage() throws Exception {
        Src main = Src.of("import chipz.*\n");
        assertEquals(main.error(CimIssueCodes.IMPORT_MISSING, "chipz.*", "cannot import chipz.*: no file declares "
                + "'package chipz': did you mean chips?"), frontEndIssuesOfLast(files(
                        "chips.cim", "package chips\n\nchip Chip" + CHIP_BODY, "main.cim", main.text())));
    }

    @Test
    void anImportOfAnUnknownPackageWithNothingCloseListsTheKnownPackages() throws Exception {
        Src main = Src.of("import accelerators.*\n");
        assertEquals(main.error(CimIssueCodes.IMPORT_MISSING, "accelerators.*", "cannot import accelerators.*: no file "
                + "declares 'package accelerators': known packages are chips, nets"), frontEndIssuesOfLast(files(
                        "chips.cim", "package chips\n\nchip Chip" + CHIP_BODY,
                        "nets.cim", "package nets\n\nnetwork Net" + NET_BODY, "main.cim", main.text())));
    }

    @Test
    void anImportOfAnUnknownDeclarationIsAnErrorSuggestingTheClosestName() throws Exception {
        Src main = Src.of("import chips.Chp\n");
        assertEquals(main.error(CimIssueCodes.IMPORT_MISSING, "chips.Chp", "cannot import chips.Chp: nothing named "
                + "chips.Chp is declared: did you mean chips.Chip?"), frontEndIssuesOfLast(files(
                        "chips.cim", "package chips\n\nchip Chip" + CHIP_BODY, "main.cim", main.text())));
    }

    /* ------------------------------------------------------------ cycles */

    @Test
    void twoFilesImportingEachOtherAreAnErrorInEachListingTheCycle() throws Exception {
        Src a = Src.of("import \"b.cim\"\n\nchip Chip" + CHIP_BODY);
        Src b = Src.of("import \"a.cim\"\n\nnetwork Net" + NET_BODY);
        List<Resource> rs = support.loadFiles(files("a.cim", a.text(), "b.cim", b.text()));
        String fix = ": remove one of these imports, or move what the files share into a file that imports none of them";
        assertEquals(a.error(CimIssueCodes.IMPORT_CYCLE, "\"b.cim\"", "import cycle: a.cim imports b.cim, b.cim imports "
                + "a.cim" + fix), frontEnd(support.validate(rs.get(0))));
        assertEquals(b.error(CimIssueCodes.IMPORT_CYCLE, "\"a.cim\"", "import cycle: b.cim imports a.cim, a.cim imports "
                + "b.cim" + fix), frontEnd(support.validate(rs.get(1))));
    }

    @Test
    void aFileImportingItselfIsACycle() throws Exception {
        Src a = Src.of("import \"a.cim\"\n");
        assertEquals(a.error(CimIssueCodes.IMPORT_CYCLE, "\"a.cim\"", "import cycle: a.cim imports a.cim: remove one of "
                + "these imports, or move what the files share into a file that imports none of them"),
                frontEndIssuesOfLast(files("a.cim", a.text())));
    }

    @Test
    void aCycleThroughThreeFilesInFoldersIsListedWithPathsRelativeToTheImporter(@TempDir Path dir) throws Exception {
        Src a = Src.of("import \"../lib/b.cim\"\n");
        Files.writeString(dir.resolve("cim.workspace"), "");
        Files.createDirectories(dir.resolve("lib"));
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/a.cim"), a.text());
        Files.writeString(dir.resolve("lib/b.cim"), "import \"c.cim\"\n");
        Files.writeString(dir.resolve("lib/c.cim"), "import \"../app/a.cim\"\n");
        List<Resource> rs = List.of(support.newResourceSet().getResource(
                URI.createFileURI(dir.resolve("app/a.cim").toString()), true));
        assertEquals(a.error(CimIssueCodes.IMPORT_CYCLE, "\"../lib/b.cim\"", "import cycle: a.cim imports ../lib/b.cim, "
                + "../lib/b.cim imports ../lib/c.cim, ../lib/c.cim imports a.cim: remove one of these imports, or move "
                + "what the files share into a file that imports none of them"), frontEnd(support.validate(rs.get(0))));
    }

    @Test
    void twoPackagesImportingEachOtherAreACycleNamingTheFiles() throws Exception {
        Src a = Src.of("package nets\nimport chips.*\n\nnetwork Net" + NET_BODY);
        Src b = Src.of("package chips\nimport nets.*\n\nchip Chip" + CHIP_BODY);
        List<Resource> rs = support.loadFiles(files("a.cim", a.text(), "b.cim", b.text()));
        assertEquals(a.error(CimIssueCodes.IMPORT_CYCLE, "chips.*", "import cycle: a.cim imports chips.* (b.cim), "
                + "b.cim imports nets.* (a.cim): remove one of these imports, or move what the files share into a file "
                + "that imports none of them"), frontEnd(support.validate(rs.get(0))));
    }

    @Test
    void importsWithoutLoopsAndImportsOfOnesOwnPackageAreNoCycle() throws Exception {
        // a and b are both in package nets and import it; both import chips, which imports nothing
        assertEquals("", frontEndIssuesOfLast(files(
                "chips.cim", "package chips\n\nchip Chip" + CHIP_BODY,
                "a.cim", "package nets\nimport nets.*\nimport chips.*\n\nnetwork Net" + NET_BODY,
                "b.cim", "package nets\nimport nets.*\nimport chips.*\nimport \"chips.cim\"\n\n" + MAIN_BODY)));
    }

    @Test
    void twoFilesOfASubPackageImportingTheParentPackageAreNoCycle() throws Exception {
        // mlp.* reaches mlp.studies' files as well, but the two study files share their own package
        assertEquals("", frontEndIssuesOfLast(files(
                "mlp.cim", "package mlp\n\nchip Chip" + CHIP_BODY,
                "a.cim", "package mlp.studies\nimport mlp.*\n\nnetwork Net" + NET_BODY,
                "b.cim", "package mlp.studies\nimport mlp.*\n\nnetwork Net2" + NET_BODY)));
    }

    @Test
    void aSubPackageImportedBackByItsParentPackageIsStillACycle() throws Exception {
        Src a = Src.of("package mlp.studies\nimport mlp.*\n\nnetwork Net" + NET_BODY);
        Src b = Src.of("package mlp\nimport mlp.studies.*\n\nchip Chip" + CHIP_BODY);
        List<Resource> rs = support.loadFiles(files("a.cim", a.text(), "b.cim", b.text()));
        assertTrue(frontEnd(support.validate(rs.get(0))).contains("import cycle: a.cim imports mlp.* (b.cim), b.cim "
                + "imports mlp.studies.* (a.cim)"), frontEnd(support.validate(rs.get(0))));
    }

    /* The graph is shared by the validations of a resource set's files (ImportGraph.of): a change drops it. */

    private static void reload(Resource r, String text) throws java.io.IOException {
        r.unload();
        r.load(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
    }

    @Test
    void aCycleMadeByEditingAFileIsFoundByTheNextValidationAndGoneWhenUndone() throws Exception {
        Src a = Src.of("import \"b.cim\"\n\nchip Chip" + CHIP_BODY);
        List<Resource> rs = support.loadFiles(files("a.cim", a.text(), "b.cim", "network Net" + NET_BODY));
        assertEquals("", frontEnd(support.validate(rs.get(0))));
        reload(rs.get(1), "import \"a.cim\"\n\nnetwork Net" + NET_BODY);
        assertEquals(a.error(CimIssueCodes.IMPORT_CYCLE, "\"b.cim\"", "import cycle: a.cim imports b.cim, b.cim imports "
                + "a.cim: remove one of these imports, or move what the files share into a file that imports none of "
                + "them"), frontEnd(support.validate(rs.get(0))));
        reload(rs.get(1), "network Net" + NET_BODY);
        assertEquals("", frontEnd(support.validate(rs.get(0))));
    }

    @Test
    void aFileAddedToTheResourceSetAfterAValidationCanCloseACycle() throws Exception {
        Src a = Src.of("package nets\nimport chips.*\n\nnetwork Net" + NET_BODY);
        List<Resource> rs = support.loadFiles(files("a.cim", a.text()));
        assertTrue(frontEnd(support.validate(rs.get(0))).contains(CimIssueCodes.IMPORT_MISSING));
        Resource b = rs.get(0).getResourceSet().createResource(URI.createURI("file:/test/b.cim"));
        b.load(new java.io.ByteArrayInputStream(("package chips\nimport nets.*\n\nchip Chip" + CHIP_BODY)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), null);
        assertTrue(frontEnd(support.validate(rs.get(0))).contains("import cycle: a.cim imports chips.* (b.cim), b.cim "
                + "imports nets.* (a.cim)"), () -> frontEnd(support.validate(rs.get(0))));
    }

    @Test
    void aLongCycleIsShownByItsFirstAndLastImports() throws Exception {
        Map<String, String> chain = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            chain.put("f" + i + ".cim", "import \"f" + (i + 1) % 20 + ".cim\"\n");
        }
        List<Resource> rs = support.loadFiles(chain);
        String issues = frontEnd(support.validate(rs.get(0)));
        assertTrue(issues.contains("import cycle: 20 imports: f0.cim imports f1.cim, f1.cim imports f2.cim, f2.cim "
                + "imports f3.cim, f3.cim imports f4.cim, f4.cim imports f5.cim, f5.cim imports f6.cim, (12 more), "
                + "f18.cim imports f19.cim, f19.cim imports f0.cim: remove one of these imports"), issues);
        // every file of the cycle gets the error, each from its own start
        for (Resource r : rs) {
            assertTrue(frontEnd(support.validate(r)).contains(CimIssueCodes.IMPORT_CYCLE), r.getURI().toString());
        }
    }
}
