package org.cimlang.simulator.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.cimlang.io.DataFileException;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    /** {@code n} records; record i has label (first + i) % 10 and every pixel of channel c = 10 * i + c. */
    static byte[] batch(int n, int first) {
        byte[] b = new byte[n * Cifar10Reader.RECORD_BYTES];
        for (int i = 0; i < n; i++) {
            int at = i * Cifar10Reader.RECORD_BYTES;
            b[at] = (byte) ((first + i) % 10);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    b[at + 1 + c * 1024 + p] = (byte) (10 * i + c);
                }
            }
        }
        return b;
    }

    @Test
    void readsLabelsAndPlanarRgbPixels() throws IOException {
        Path f = dir.resolve("test_batch.bin");
        Files.write(f, batch(3, 4));
        LabelledImages li = Cifar10Reader.readBatch(f);
        assertArrayEquals(new int[] {4, 5, 6}, li.labels());
        assertEquals(3, li.images().channels());
        // record 2, blue plane (c = 2): 10 * 2 + 2 = 22
        assertEquals(22, li.images().pixel(2, 2, 31, 0));
        assertEquals(10, li.images().pixel(1, 0, 5, 7));
    }

    @Test
    void lengthNotAMultipleOfTheRecordIsAnError() throws IOException {
        Path f = dir.resolve("data_batch_1.bin");
        Files.write(f, java.util.Arrays.copyOf(batch(2, 0), 2 * 3073 - 100));
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.readBatch(f));
        // 6046 = 1 * 3073 + 2973
        assertTrue(e.getMessage().startsWith(f + ": has 6046 bytes, not a whole number of 3073-byte CIFAR-10 "
                + "records (1 label byte + 3x32x32 pixel bytes; 1 records and 2973 bytes over)"), e.getMessage());
    }

    @Test
    void labelAboveNineIsAnErrorNamingTheRecord() throws IOException {
        byte[] b = batch(3, 0);
        b[2 * 3073] = 42;
        Path f = dir.resolve("test_batch.bin");
        Files.write(f, b);
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.readBatch(f));
        assertTrue(e.getMessage().contains("record 2 (byte offset 6146) has label 42, expected 0..9"), e.getMessage());
    }

    @Test
    void trainSplitConcatenatesFiveBatchesInOrderFromTheArchiveFolder() throws IOException {
        Path sub = Files.createDirectories(dir.resolve(Cifar10Reader.ARCHIVE_FOLDER));
        for (int k = 1; k <= 5; k++) {
            Files.write(sub.resolve("data_batch_" + k + ".bin"), batch(2, k));
        }
        LabelledImages li = Cifar10Reader.read(dir, "train", 0);
        // batch k holds labels k, k+1
        assertArrayEquals(new int[] {1, 2, 2, 3, 3, 4, 4, 5, 5, 6}, li.labels());
    }

    @Test
    void limitStopsReadingEarlyAndTrims() throws IOException {
        Files.write(dir.resolve("data_batch_1.bin"), batch(2, 0));
        Files.write(dir.resolve("data_batch_2.bin"), batch(2, 5));
        Files.write(dir.resolve("data_batch_3.bin"), new byte[] {1}); // corrupt, but never reached
        Files.write(dir.resolve("data_batch_4.bin"), batch(1, 0));
        Files.write(dir.resolve("data_batch_5.bin"), batch(1, 0));
        assertArrayEquals(new int[] {0, 1, 5}, Cifar10Reader.read(dir, "train", 3).labels());
    }

    @Test
    void missingBatchesAreListed() throws IOException {
        Files.write(dir.resolve("data_batch_1.bin"), batch(1, 0));
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("no CIFAR-10 train data: missing [data_batch_2.bin, data_batch_3.bin, "
                + "data_batch_4.bin, data_batch_5.bin]"), e.getMessage());
    }
}
