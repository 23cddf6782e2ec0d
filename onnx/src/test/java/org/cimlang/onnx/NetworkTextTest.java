package org.cimlang.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Network;
import org.cimlang.io.NpzReader;
import org.cimlang.io.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NetworkTextTest {
    @TempDir
    Path dir;

    @Test
    void networkIsWrittenInColumnsWithNonDefaultParametersAndShapes() {
        Network lenet = TestNetworks.lenet();
        Network n = new Network("LeNet", lenet.layers(), "lenet.npz", null);
        String text = NetworkText.render(n, List.of("Imported from lenet.onnx."));
        String expected = """
                /**
                 * Imported from lenet.onnx.
                 */
                network LeNet {
                    input   image [1, 16, 16]                                              // [1, 16, 16]
                    conv2d  c1    from image filters 6 kernel 5 padding 2 activation relu  // [6, 16, 16]
                    maxpool p1    from c1 kernel 2                                         // [6, 8, 8]
                    conv2d  c2    from p1 filters 8 kernel 3 activation sigmoid            // [8, 6, 6]
                    avgpool p2    from c2 kernel 2                                         // [8, 3, 3]
                    flatten f     from p2                                                  // [72]
                    dense   fc1   from f units 24 activation relu                          // [24]
                    dense   out   from fc1 units 10                                        // [10]
                    weights "lenet.npz"
                }
                """;
        assertEquals(expected, text);
    }

    @Test
    void branchesGroupsStridesRectangularKernelsAndStandaloneActivationsAreWritten() {
        String text = NetworkText.render(TestNetworks.concat(), List.of());
        assertTrue(text.contains("conv2d     a      from image filters 6 kernel 3 padding 1 groups 2 activation relu"),
                text);
        assertTrue(text.contains("b      from image filters 4 kernel 3 x 1 padding 1 x 0 groups 4 "), text);
        assertTrue(text.contains("activation act    from b tanh "), text);
        assertTrue(text.contains("concat     joined from [a, act] "), text);
        assertTrue(text.contains("avgpool    avg    from joined kernel 3 stride 2 padding 1 "), text);
        assertFalse(text.contains("weights"), text);
    }

    @Test
    void commentTextCannotCloseTheComment() {
        assertEquals("a * / b", NetworkText.commentSafe("a */ b"));
    }

    @Test
    void importFilesWritesBothFilesAndNoTemporaries() throws IOException {
        ImportedModel m = new ImportedModel(TestNetworks.mlp(), Map.of("fc1.weight", Tensor.of(new float[] {1, 2}, 2)),
                "", 13, List.of());
        ImportFiles.Target t = ImportFiles.Target.of(dir.resolve("out"), "mlp");
        ImportFiles.write(t, m, "network Mlp {}\n");
        assertEquals("network Mlp {}\n", Files.readString(t.cim()));
        assertEquals(List.of(2), List.of(NpzReader.read(t.npz()).get("fc1.weight").size()));
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(2, files.count());
        }
        assertEquals(List.of(t.cim(), t.npz()), t.existing());
    }

    @Test
    void importFilesLeavesNothingWhenTheFolderCannotBeWritten() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "a file where the output folder should be");
        ImportedModel m = new ImportedModel(TestNetworks.mlp(), Map.of(), "", 13, List.of());
        ImportFiles.Target t = ImportFiles.Target.of(blocker.resolve("sub"), "mlp");
        assertThrows(IOException.class, () -> ImportFiles.write(t, m, "x"));
        assertEquals(List.of(), t.existing());
    }
}
