package org.cimlang.simulator.data;

import static org.cimlang.simulator.data.IdxTestFiles.gzip;
import static org.cimlang.simulator.data.IdxTestFiles.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cimlang.io.DataFileException;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** Two 2x3 images with pixels 0..11, the last one 255 to check unsigned conversion. */
    private static byte[] imageFile() {
        byte[] px = new byte[12];
        for (int i = 0; i < 11; i++) {
            px[i] = (byte) i;
        }
        px[11] = (byte) 255;
        return idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 3}, px);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    @Test
    void readsPlainImagesWithShapeAndUnsignedPixels() throws IOException {
        UByteImages im = IdxReader.readImages(write("img", imageFile()));
        assertEquals(2, im.count());
        assertEquals(1, im.channels());
        assertEquals(2, im.height());
        assertEquals(3, im.width());
        // image 1, row 1, column 2 = pixel 6 + 3 + 2 = 11, stored as 255
        assertEquals(255, im.pixel(1, 0, 1, 2));
        assertEquals(4, im.pixel(0, 0, 1, 1));
    }

    @Test
    void readsGzippedFilesRecognisedByMagicNotByName() throws IOException {
        UByteImages im = IdxReader.readImages(write("img-no-gz-suffix", gzip(imageFile())));
        assertArrayEquals(IdxReader.readImages(write("img", imageFile())).pixels(), im.pixels());
    }

    @Test
    void readsLabelsAsUnsignedInts() throws IOException {
        byte[] file = idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {7, 0, (byte) 200});
        assertArrayEquals(new int[] {7, 0, 200}, IdxReader.readLabels(write("lab.gz", gzip(file))));
    }

    @Test
    void swappedImagesAndLabelsFilesAreNamedAsSuch() throws IOException {
        Path labels = write("lab", idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {3}));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(labels));
        assertEquals(labels + ": wrong magic number 0x00000801, expected 0x00000803 (IDX image file); this is the "
                + "labels file: are the two swapped?", e.getMessage());
    }

    @Test
    void nonIdxFileHasWrongMagic() throws IOException {
        Path f = write("x", "hello world, no idx".getBytes());
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f));
        assertTrue(e.getMessage().contains("wrong magic number 0x68656C6C, expected 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().endsWith("not an MNIST IDX label file"), e.getMessage());
    }

    @Test
    void nonByteElementTypeIsRejected() throws IOException {
        // 0x0D = float
        Path f = write("x", idx(0x00000D03, new int[] {1, 1, 1}, new byte[4]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("element type 0x0D is not unsigned byte"), e.getMessage());
    }

    @Test
    void truncatedPlainFileIsCaughtFromItsLengthBeforeReading() throws IOException {
        byte[] full = imageFile();
        Path f = write("img", Arrays.copyOf(full, full.length - 5));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        // 16-byte header + 2*2*3 = 12 data bytes = 28 expected; 23 present
        assertEquals(f + ": header says 2x2x3 = 12 bytes of image data after the 16-byte header, but the file "
                + "has 23 bytes in all: it is truncated; download it again", e.getMessage());
    }

    @Test
    void plainFileWithExtraBytesIsAnError() throws IOException {
        byte[] full = imageFile();
        Path f = write("img", Arrays.copyOf(full, full.length + 3));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("has 31 bytes in all: it has extra bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipIsAnErrorNamingTheFile() throws IOException {
        byte[] gz = gzip(imageFile());
        Path f = write("img.gz", Arrays.copyOf(gz, gz.length - 12));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void gzipWhoseHeaderClaimsBillionsOfPixelsIsTruncatedNotOutOfMemory() throws IOException {
        // 50,000 x 200 x 200 = 2,000,000,000 bytes claimed (under the 2^31 - 9 array limit), 12 present
        Path f = write("img.gz", gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {50_000, 200, 200}, new byte[12])));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("header says 50000x200x200 = 2000000000 bytes of image data after the "
                + "16-byte header, but the data ends after 12 bytes: the file is truncated"), e.getMessage());
    }

    @Test
    void headerClaimingMoreThanAnArrayHoldsIsAnError() throws IOException {
        // 2^31 x 2 x 1 = 2^32 bytes: fits a long, not a Java array
        Path f = write("img.gz", gzip(idx(IdxReader.IMAGES_MAGIC, new int[] {Integer.MIN_VALUE, 2, 1}, new byte[0])));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("= 4294967296 bytes of image data after the 16-byte header, more than the "
                + "2147483639 bytes one array can hold"), e.getMessage());
    }

    @Test
    void headerOverflowingLongIsAnError() throws IOException {
        Path f = write("img", idx(IdxReader.IMAGES_MAGIC, new int[] {-1, -1, -1}, new byte[0]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("header says 4294967295x4294967295x4294967295, more than 2^63 bytes"),
                e.getMessage());
    }

    @Test
    void fileEndingInsideTheHeaderIsAnError() throws IOException {
        Path f = write("img", Arrays.copyOf(imageFile(), 9));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("file ends inside the IDX header (9 of 16 bytes)"), e.getMessage());
    }

    @Test
    void emptyFileIsAnError() throws IOException {
        Path f = write("img", new byte[0]);
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("file ends after 0 bytes"), e.getMessage());
    }
}
