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
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.io.DataFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLoaderTest {
    @TempDir
    Path dir;

    private static DatasetSpec spec(String format, String path, String split) {
        return new DatasetSpec(format, path, split, 0, 0, 0, null, null, 0, null);
    }

    @Test
    void bundledMnistHasEightThousandTrainAndTwoThousandTestDigitsWithMnistStatistics() throws IOException {
        Dataset train = DatasetLoader.load(spec("mnist-bundled", null, "train"), null);
        Dataset test = DatasetLoader.load(spec("mnist-bundled", null, "test"), null);
        assertEquals(8000, train.size());
        assertEquals(2000, test.size());
        for (Dataset d : new Dataset[] {train, test}) {
            assertArrayEquals(new int[] {1, 28, 28}, d.shape());
            assertEquals(10, d.classes());
            int[] perClass = new int[10];
            double sum = 0;
            long zeros = 0;
            double border = 0;
            for (int i = 0; i < d.size(); i++) {
                perClass[d.label(i)]++;
                float[] x = d.image(i);
                for (float v : x) {
                    assertTrue(v >= 0 && v <= 1);
                    sum += v;
                    zeros += v == 0 ? 1 : 0;
                }
                border += x[0] + x[27] + x[27 * 28] + x[28 * 28 - 1];
            }
            double mean = sum / ((double) d.size() * 784);
            // MNIST's well-known pixel mean is 0.1307 and about 80% of pixels are 0; corners are blank
            assertEquals(0.1307, mean, 0.01, d.name());
            assertEquals(0.81, (double) zeros / (d.size() * 784.0), 0.03, d.name());
            assertEquals(0, border, 1e-6, d.name());
            for (int c = 0; c < 10; c++) {
                // the smallest class (5) has 690 train / 173 test digits, the largest (1) 902 / 225
                assertTrue(perClass[c] >= d.size() / 12 && perClass[c] <= d.size() / 8, d.name() + " class " + c);
            }
        }
        // the shuffled order puts every class in a 100-sample prefix
        assertEquals(10, java.util.Arrays.stream(test.first(100).labels()).distinct().count());
    }

    @Test
    void mnistWithoutPathMeansTheBundledDigits() throws IOException {
        Dataset d = DatasetLoader.load(new DatasetSpec("mnist", null, "test", 5, 0, 0, null, null, 0, null), null);
        Dataset b = DatasetLoader.load(new DatasetSpec("mnist-bundled", null, "test", 5, 0, 0, null, null, 0, null),
                null);
        assertEquals(5, d.size());
        assertArrayEquals(b.labels(), d.labels());
        assertArrayEquals(b.image(4), d.image(4));
    }

    @Test
    void resizeBitsAndNormaliseApplyInThatOrder() throws IOException {
        // 12x12, 4 bits, normalise (0.5, 0.25): value = (round(area mean * 15) / 15 - 0.5) / 0.25
        Dataset raw = DatasetLoader.load(new DatasetSpec("mnist-bundled", null, "test", 3, 0, 0, null, null, 0, null),
                null);
        Dataset d = DatasetLoader.load(new DatasetSpec("mnist-bundled", null, "test", 3, 12, 12, 0.5, 0.25, 4, null),
                null);
        assertArrayEquals(new int[] {1, 12, 12}, d.shape());
        assertEquals(4, d.inputBits());
        float[] resized = AreaResize.of(28, 28, 12, 12).apply(raw.image(2), 1);
        for (int j = 0; j < 144; j++) {
            double expected = (Math.floor(resized[j] * 15 + 0.5) / 15 - 0.5) / 0.25;
            assertEquals(expected, d.image(2)[j], 1e-6, "pixel " + j);
        }
        assertTrue(d.name().contains("12x12") && d.name().contains("4-bit"), d.name());
    }

    @Test
    void mnistFolderReadsPlainAndGzippedIdxFilesRelativeToBaseDir() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/mnist"));
        byte[] px = new byte[2 * 28 * 28];
        px[0] = (byte) 255;
        Files.write(data.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(IdxReader.IMAGES_MAGIC,
                new int[] {2, 28, 28}, px)));
        Files.write(data.resolve("t10k-labels-idx1-ubyte"), idx(IdxReader.LABELS_MAGIC, new int[] {2},
                new byte[] {3, 9}));
        Dataset d = DatasetLoader.load(spec("mnist", "data/mnist", "test"), dir);
        assertArrayEquals(new int[] {3, 9}, d.labels());
        assertEquals(1f, d.image(0)[0]);
        assertEquals(0f, d.image(1)[0]);
    }

    @Test
    void missingMnistFilesSayWhatIsExpectedWithoutListingTheFolder() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data/mnist"));
        Files.writeString(data.resolve("readme.txt"), "x");
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(spec("mnist", "data/mnist", "train"), dir));
        assertTrue(e.getMessage().startsWith("data/mnist: no MNIST train files in data/mnist ("), e.getMessage());
        assertTrue(e.getMessage().contains("expected train-images-idx3-ubyte and train-labels-idx1-ubyte, plain or "
                + ".gz; found none of them among its 1 entry."), e.getMessage());
        assertTrue(!e.getMessage().contains("readme.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("use dataset mnist-bundled"), e.getMessage());
    }

    @Test
    void missingFolderIsNamedWithItsResolvedPath() {
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(spec("mnist", "nowhere", "test"), dir));
        assertTrue(e.getMessage().startsWith("nowhere: no such folder (resolved to " + dir.resolve("nowhere")),
                e.getMessage());
    }

    @Test
    void labelsThatAreNotDigitsAreAnError() throws IOException {
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 2},
                new byte[4]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(IdxReader.LABELS_MAGIC, new int[] {1},
                new byte[] {12}));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(spec("mnist", dir.toString(), "test"), null));
        assertTrue(e.getMessage().contains("label 12 at index 0 is not a digit 0..9"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2},
                new byte[8]));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(IdxReader.LABELS_MAGIC, new int[] {1},
                new byte[] {1}));
        DataFileException e = assertThrows(DataFileException.class,
                () -> DatasetLoader.load(spec("mnist", dir.toString(), "test"), null));
        assertTrue(e.getMessage().contains("1 labels but " + dir.resolve("t10k-images-idx3-ubyte") + " holds 2 images"),
                e.getMessage());
    }

    @Test
    void cifar10FolderLoadsThreeChannelImagesWithLimit() throws IOException {
        Files.write(dir.resolve("test_batch.bin"), Cifar10ReaderTest.batch(4, 7));
        Dataset d = DatasetLoader.load(new DatasetSpec("cifar10", dir.toString(), "test", 3, 16, 16, null, null, 0,
                null), null);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {3, 16, 16}, d.shape());
        // labels (7 + i) % 10; record 1's green plane is 10 * 1 + 1 = 11 everywhere, so 11/255 after resize
        assertArrayEquals(new int[] {7, 8, 9}, d.labels());
        assertEquals(11f / 255, d.image(1)[256 + 5], 1e-6f);
    }

    @Test
    void badBlockSettingsAreRejectedWithTheAllowedValues() {
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
                () -> DatasetLoader.load(spec("imagenet", "x", "test"), dir));
        assertTrue(format.getMessage().startsWith("unknown dataset format 'imagenet': supported are mnist"),
                format.getMessage());
        IllegalArgumentException split = assertThrows(IllegalArgumentException.class,
                () -> DatasetLoader.load(spec("mnist-bundled", null, "validation"), dir));
        assertTrue(split.getMessage().contains("train or test"), split.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
                new DatasetSpec("mnist-bundled", null, "test", 0, 12, 0, null, null, 0, null), dir));
        assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
                new DatasetSpec("mnist-bundled", null, "test", 0, 0, 0, null, 0.0, 0, null), dir));
        assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
                new DatasetSpec("mnist-bundled", null, "test", 0, 0, 0, null, null, 17, null), dir));
        assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
                new DatasetSpec("cifar10", null, "test", 0, 0, 0, null, null, 0, null), dir));
    }
}
