package org.cimlang.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> sample() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("fc2.weight", Tensor.of(new float[] {1.5f, -2f, Float.MIN_VALUE, Float.MAX_VALUE, -0f, 1e-30f}, 3, 2));
        m.put("fc2.bias", Tensor.of(new float[] {0.1f, 0.2f, 0.3f}, 3));
        m.put("bn.running_var", Tensor.of(new float[] {4f}));
        m.put("empty", Tensor.zeros(0, 5));
        return m;
    }

    @Test
    void roundTripKeepsNamesOrderShapesAndExactValues() throws IOException {
        Path f = dir.resolve("w.npz");
        NpzWriter.write(f, sample());
        Map<String, Tensor> back = NpzReader.read(f);
        assertEquals(List.copyOf(sample().keySet()), List.copyOf(back.keySet()));
        for (Map.Entry<String, Tensor> e : sample().entrySet()) {
            assertArrayEquals(e.getValue().shape(), back.get(e.getKey()).shape(), e.getKey());
            assertArrayEquals(e.getValue().data(), back.get(e.getKey()).data(), e.getKey());
        }
    }

    @Test
    void largeTensorSpanningManyChunksRoundTrips() throws IOException {
        // 100,000 floats = 400,000 bytes, several 64 KiB chunks on both write and read
        float[] v = new float[100_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i) * i;
        }
        Path f = dir.resolve("big.npz");
        NpzWriter.write(f, Map.of("w", Tensor.of(v, 250, 400)));
        assertArrayEquals(v, NpzReader.read(f).get("w").data());
    }

    @Test
    void writingTwiceGivesIdenticalBytes() throws IOException {
        Path a = dir.resolve("a.npz");
        Path b = dir.resolve("b.npz");
        NpzWriter.write(a, sample());
        NpzWriter.write(b, sample());
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void overwritesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/w.npz");
        NpzWriter.write(f, Map.of("old", Tensor.of(new float[] {1})));
        NpzWriter.write(f, Map.of("new", Tensor.of(new float[] {2})));
        assertEquals(List.of("new"), List.copyOf(NpzReader.read(f).keySet()));
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void headerIsNumpyLayoutAlignedTo64Bytes() throws IOException {
        // What numpy writes for a (3, 2) float32 array
        var out = new java.io.ByteArrayOutputStream();
        NpyWriter.write(out, Tensor.zeros(3, 2));
        byte[] b = out.toByteArray();
        // header length, little-endian u16 at offset 8: 10 + 59 text bytes + 1 newline = 70, padded to 128
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        assertEquals(118, headerLen);
        String header = new String(b, 10, headerLen, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", header.strip());
        assertEquals('\n', header.charAt(header.length() - 1));
        // 128-byte header + 6 floats * 4 bytes = 152
        assertEquals(152, b.length);
    }

    @Test
    void emptyArrayNameIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> NpzWriter.write(dir.resolve("w.npz"), Map.of("", Tensor.zeros(1))));
    }
}
