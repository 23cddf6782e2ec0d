package org.cimlang.io;

import static org.cimlang.io.NpyTestFiles.floatsLE;
import static org.cimlang.io.NpyTestFiles.header;
import static org.cimlang.io.NpyTestFiles.npy;
import static org.cimlang.io.NpyTestFiles.npyRaw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryDtypeOfNumpySavez() throws IOException {
        assertNumpyFixture("numpy-savez.npz");
    }

    @Test
    void readsEveryDtypeOfNumpySavezCompressed() throws IOException {
        assertNumpyFixture("numpy-savez-compressed.npz");
    }

    private static void assertNumpyFixture(String fixture) throws IOException {
        Map<String, Tensor> a = NpzReader.read(NpyTestFiles.fixture(fixture));
        assertEquals(List.of("fc1.weight", "fc1.bias", "i8", "u8", "i16", "i32", "i64", "scalar", "empty",
                "conv.weight"), List.copyOf(a.keySet()));
        // np.arange(6).reshape(2, 3) / 4
        assertArrayEquals(new int[] {2, 3}, a.get("fc1.weight").shape());
        assertArrayEquals(new float[] {0f, .25f, .5f, .75f, 1f, 1.25f}, a.get("fc1.weight").data());
        assertArrayEquals(new float[] {-1.5f, 2.25f}, a.get("fc1.bias").data());
        assertArrayEquals(new float[] {-128, 0, 127}, a.get("i8").data());
        assertArrayEquals(new float[] {0, 128, 255}, a.get("u8").data());
        assertArrayEquals(new float[] {-32768, 32767}, a.get("i16").data());
        assertArrayEquals(new float[] {-2147483648f, 7}, a.get("i32").data());
        // -(2^40) is exact in float
        assertArrayEquals(new float[] {-1099511627776f, 5}, a.get("i64").data());
        assertEquals(0, a.get("scalar").rank());
        assertArrayEquals(new float[] {3.5f}, a.get("scalar").data());
        assertArrayEquals(new int[] {0, 4}, a.get("empty").shape());
        assertArrayEquals(new int[] {2, 3, 2, 2}, a.get("conv.weight").shape());
        // C order: element [1, 2, 1, 0] sits at ((1*3 + 2)*2 + 1)*2 + 0 = 22, and arange puts 22 there
        assertEquals(22f, a.get("conv.weight").data()[22]);
    }

    @Test
    void readsNpyFormatVersionsOneTwoAndThree() throws IOException {
        Map<String, Tensor> a = NpzReader.read(NpyTestFiles.fixture("versions.npz"));
        assertArrayEquals(new float[] {1, 2}, a.get("v1").data());
        assertArrayEquals(new float[] {3, 4}, a.get("v2").data());
        assertArrayEquals(new float[] {5, 6}, a.get("v3").data());
    }

    @Test
    void fortranOrderIsRejectedNamingFileArrayAndFix() {
        Path f = NpyTestFiles.fixture("fortran.npz");
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ", array 'w': "), e.getMessage());
        assertTrue(e.getMessage().contains("Fortran (column-major) order, dtype '<f4', shape (2, 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("np.ascontiguousarray"), e.getMessage());
    }

    @Test
    void bigEndianIsRejectedListingSupportedDtypes() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> NpzReader.read(NpyTestFiles.fixture("big-endian.npz")));
        assertTrue(e.getMessage().contains("array 'w': dtype '>f4' is big-endian; supported: float32 '<f4'"),
                e.getMessage());
    }

    @Test
    void objectArraysAreRejectedAsPythonObjects() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> NpzReader.read(NpyTestFiles.fixture("object.npz")));
        assertTrue(e.getMessage().contains("dtype '|O' (Python objects) is not supported; supported: float32"),
                e.getMessage());
    }

    @Test
    void float16IsRejectedNamingIt() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> NpzReader.read(NpyTestFiles.fixture("float16.npz")));
        assertTrue(e.getMessage().contains("dtype '<f2' (float16) is not supported"), e.getMessage());
    }

    @Test
    void truncatedArrayDataIsAnErrorWithBothSizes() throws IOException {
        // shape (2, 3) of <f4 needs 24 data bytes; give 20
        byte[] bytes = npy(1, header("<f4", false, "(2, 3)"), new byte[20]);
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("array 'w': array is truncated: shape (2, 3) of '<f4' needs 24 data bytes "
                + "after the 128-byte header (152 in all), but it holds 148 bytes"), e.getMessage());
    }

    @Test
    void extraBytesAfterTheDataAreAnError() throws IOException {
        byte[] bytes = npy(1, header("<f4", false, "(1,)"), new byte[8]);
        Path f = npz(Map.of("w.npy", bytes), true);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("longer than its header says"), e.getMessage());
    }

    @Test
    void trillionElementHeaderIsAnErrorNotOutOfMemory() throws IOException {
        // 10^6 x 10^6 floats = 4 * 10^12 bytes claimed, 8 present
        byte[] bytes = npy(1, header("<f4", false, "(1000000, 1000000)"), new byte[8]);
        Path f = npz(Map.of("w.npy", bytes), true);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("needs 4000000000000 data bytes"), e.getMessage());
    }

    @Test
    void shapeOverflowingLongIsAnError() throws IOException {
        byte[] bytes = npy(1, header("<f8", false, "(4611686018427387904, 4)"), new byte[0]);
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("overflows a 64-bit element count"), e.getMessage());
    }

    @Test
    void absurdHeaderLengthIsAnError() throws IOException {
        // version 2 header length field 0xFFFFFFF0 = 4294967280
        byte[] bytes = npyRaw(2, 0xFFFFFFF0L, "{}", new byte[0]);
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains(".npy header claims 4294967280 bytes"), e.getMessage());
    }

    @Test
    void wrongMagicIsAnErrorShowingTheBytesFound() throws IOException {
        Path f = npz(Map.of("w.npy", "PK\u0003\u0004 not numpy".getBytes()), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("array 'w': not a .npy array: expected the magic bytes \\x93NUMPY, found "
                + "504b0304206"), e.getMessage());
    }

    @Test
    void unknownFormatVersionIsAnError() throws IOException {
        byte[] bytes = npy(1, header("<f4", false, "(1,)"), floatsLE(1));
        bytes[6] = 9;
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains(".npy format version 9.0 is not supported"), e.getMessage());
    }

    @Test
    void garbledHeaderIsAParseErrorWithPosition() throws IOException {
        byte[] bytes = npy(1, "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (1,), }", floatsLE(1));
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("cannot parse .npy header (unexpected character 'M' at position 34)"),
                e.getMessage());
    }

    @Test
    void headerMissingShapeIsAnError() throws IOException {
        byte[] bytes = npy(1, "{'descr': '<f4', 'fortran_order': False}", floatsLE(1));
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("must have exactly the keys descr, fortran_order and shape"),
                e.getMessage());
    }

    @Test
    void deeplyNestedHeaderIsAnErrorNotAStackOverflow() throws IOException {
        byte[] bytes = npy(1, "(".repeat(5000), new byte[0]);
        Path f = npz(Map.of("w.npy", bytes), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("nesting deeper than"), e.getMessage());
    }

    @Test
    void truncatedInsideThePreambleIsAnError() throws IOException {
        Path f = npz(Map.of("w.npy", new byte[] {(byte) 0x93, 'N', 'U'}), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("file ends inside the 8-byte .npy preamble (3 of 8 bytes)"),
                e.getMessage());
    }

    @Test
    void nonNpyEntryIsAnError() throws IOException {
        Path f = npz(Map.of("notes.txt", new byte[] {1}), false);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().contains("entry 'notes.txt' is not a .npy array"), e.getMessage());
    }

    @Test
    void fileThatIsNotAZipIsAnError() throws IOException {
        Path f = dir.resolve("w.npz");
        Files.write(f, npy(1, header("<f4", false, "(1,)"), floatsLE(1))); // a bare .npy renamed
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a valid .npz (zip) archive"), e.getMessage());
    }

    @Test
    void missingFileIsAnError() {
        Path f = dir.resolve("absent.npz");
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertEquals(f + ": no such file; expected a .npz written by numpy.savez", e.getMessage());
    }

    @Test
    void compressedEntryWhoseDirectorySizeLiesIsAnErrorBeforeAllocating() throws IOException {
        byte[] bytes = npy(1, header("<f4", false, "(4,)"), floatsLE(1, 2, 3, 4));
        Path f = npz(Map.of("w.npy", bytes), true);
        // The central directory's uncompressed-size field sits 24 bytes after its signature
        // PK\1\2; claim 10^9 bytes there.
        byte[] zip = Files.readAllBytes(f);
        int cen = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putInt(cen + 24, 1_000_000_000);
        Files.write(f, zip);
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        // 128-byte header + 16 data bytes = 144
        assertTrue(e.getMessage().contains("inflates to 144 bytes but the zip directory says 1000000000"),
                e.getMessage());
    }

    @Test
    void truncatedCompressedArchiveIsAnError() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("w.npy", npy(1, header("<f4", false, "(4,)"), floatsLE(1, 2, 3, 4)));
        Path f = npz(entries, true);
        byte[] zip = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(zip, zip.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> NpzReader.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not a valid .npz (zip) archive"), e.getMessage());
    }

    @Test
    void singleNpyFileReads() throws IOException {
        Path f = dir.resolve("a.npy");
        Files.write(f, npy(1, header("<f4", false, "(2,)"), floatsLE(7, -8)));
        assertArrayEquals(new float[] {7, -8}, NpyReader.read(f).data());
    }

    private Path npz(Map<String, byte[]> entries, boolean deflate) throws IOException {
        Path f = dir.resolve("w.npz");
        NpyTestFiles.zip(f, entries, deflate);
        return f;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
