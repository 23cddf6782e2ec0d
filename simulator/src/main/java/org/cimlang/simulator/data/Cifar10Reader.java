package org.cimlang.simulator.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cimlang.io.DataFileException;

/**
 * Reads CIFAR-10's binary batches ("CIFAR-10 binary version"): records of 3073 bytes, a label
 * 0..9 then 3x32x32 pixels (red plane, green plane, blue plane, each row-major).
 */
public final class Cifar10Reader {
    public static final int CHANNELS = 3;
    public static final int SIZE = 32;
    public static final int CLASSES = 10;
    public static final int IMAGE_BYTES = CHANNELS * SIZE * SIZE;
    public static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    public static final List<String> TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final List<String> TEST_FILES = List.of("test_batch.bin");
    /** The folder the official archive unpacks to; looked for inside the given folder too. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    private static final long MAX_RECORDS = (Integer.MAX_VALUE - 8) / RECORD_BYTES;

    private Cifar10Reader() {
    }

    /** Reads one batch file. */
    public static LabelledImages readBatch(Path file) throws IOException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(name, "no such file");
        }
        long size = Files.size(file);
        if (size == 0 || size % RECORD_BYTES != 0) {
            throw new DataFileException(name, "has " + size + " bytes, not a whole number of " + RECORD_BYTES
                    + "-byte CIFAR-10 records (1 label byte + 3x32x32 pixel bytes; " + (size / RECORD_BYTES)
                    + " records and " + (size % RECORD_BYTES) + " bytes over): the file is truncated or not from "
                    + "the CIFAR-10 binary version (the python version is not supported); download it again");
        }
        if (size / RECORD_BYTES > MAX_RECORDS) {
            throw new DataFileException(name, "has " + size / RECORD_BYTES + " records, more than the "
                    + MAX_RECORDS + " one batch can hold here");
        }
        byte[] raw = Files.readAllBytes(file);
        if (raw.length != size) {
            throw new DataFileException(name, "changed while being read (" + size + " then " + raw.length + " bytes)");
        }
        int n = (int) (size / RECORD_BYTES);
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int label = raw[i * RECORD_BYTES] & 0xFF;
            if (label >= CLASSES) {
                throw new DataFileException(name, "record " + i + " (byte offset " + (long) i * RECORD_BYTES
                        + ") has label " + label + ", expected 0.." + (CLASSES - 1)
                        + ": not a CIFAR-10 binary batch (CIFAR-100's binary format has 2 label bytes)");
            }
            labels[i] = label;
            System.arraycopy(raw, i * RECORD_BYTES + 1, pixels, i * IMAGE_BYTES, IMAGE_BYTES);
        }
        return new LabelledImages(new UByteImages(n, CHANNELS, SIZE, SIZE, pixels), labels);
    }

    /**
     * Reads the train split (data_batch_1..5.bin) or the test split (test_batch.bin) from
     * {@code folder} or its {@value #ARCHIVE_FOLDER} sub-folder, stopping after {@code limit}
     * samples (0 = all) so a small run does not read all five batches.
     */
    public static LabelledImages read(Path folder, String split, long limit) throws IOException {
        List<String> names = switch (split) {
            case "train" -> TRAIN_FILES;
            case "test" -> TEST_FILES;
            default -> throw new IllegalArgumentException("CIFAR-10 split must be train or test, not '" + split + "'");
        };
        Path dir = folder;
        if (!Files.isRegularFile(dir.resolve(names.get(0))) && Files.isDirectory(dir.resolve(ARCHIVE_FOLDER))) {
            dir = dir.resolve(ARCHIVE_FOLDER);
        }
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!Files.isRegularFile(dir.resolve(n))) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataFileException(folder.toString(), "no CIFAR-10 " + split + " data: missing " + missing
                    + " (looked in " + dir.toAbsolutePath() + "); unpack the CIFAR-10 binary version "
                    + "(cifar-10-binary.tar.gz) there");
        }
        List<LabelledImages> parts = new ArrayList<>();
        long total = 0;
        for (String n : names) {
            if (limit > 0 && total >= limit) {
                break;
            }
            LabelledImages batch = readBatch(dir.resolve(n));
            parts.add(batch);
            total += batch.count();
        }
        if (total * IMAGE_BYTES > Integer.MAX_VALUE - 8) { // total <= 5 * MAX_RECORDS: no long overflow
            throw new DataFileException(folder.toString(), "the " + split + " batches hold " + total
                    + " images, more than one array can hold; set a limit in the dataset block");
        }
        LabelledImages all = concat(parts);
        return limit > 0 && limit < all.count() ? all.first((int) limit) : all;
    }

    private static LabelledImages concat(List<LabelledImages> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int n = parts.stream().mapToInt(LabelledImages::count).sum();
        byte[] pixels = new byte[n * IMAGE_BYTES];
        int[] labels = new int[n];
        int at = 0;
        for (LabelledImages p : parts) {
            System.arraycopy(p.images().pixels(), 0, pixels, at * IMAGE_BYTES, p.count() * IMAGE_BYTES);
            System.arraycopy(p.labels(), 0, labels, at, p.count());
            at += p.count();
        }
        return new LabelledImages(new UByteImages(n, CHANNELS, SIZE, SIZE, pixels), labels);
    }
}
