package org.cimlang.simulator.data;

import java.util.Arrays;
import java.util.List;
import org.cimlang.io.Tensor;

/**
 * A labelled image dataset ready for a network's input: every sample is one {@code float[]} of
 * shape {@code [channels, height, width]} (C order), after the dataset block's transforms.
 *
 * <p>Values: pixels scaled to {@code [0,1]}, then (if {@link #inputBits()} > 0) rounded to
 * {@code k / (2^bits - 1)}, then normalised as {@code (x - normalizeMean) / normalizeStd}
 * (mean 0 and std 1 when the block has no normalise). So a sample's integer DAC code is
 * {@code round((x * std + mean) * (2^bits - 1))}.
 *
 * <p>Immutable by convention like {@link Tensor}: {@link #image(int)} returns the backing array
 * for speed in the simulator's inner loops, and callers must not write into it.
 */
public final class Dataset {
    private final String name;
    private final int channels;
    private final int height;
    private final int width;
    private final int classes;
    private final float[][] images;
    private final int[] labels;
    private final int inputBits;
    private final double normalizeMean;
    private final double normalizeStd;

    private Dataset(String name, int channels, int height, int width, int classes, float[][] images, int[] labels,
            int inputBits, double normalizeMean, double normalizeStd) {
        this.name = name;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.images = images;
        this.labels = labels;
        this.inputBits = inputBits;
        this.normalizeMean = normalizeMean;
        this.normalizeStd = normalizeStd;
    }

    /**
     * Builds a dataset, checking every image's length and label. The list and labels are copied;
     * the image arrays are not (hand them over and do not modify them).
     *
     * @param inputBits     bits the values were quantised to, 0 for none
     * @param normalizeMean mean subtracted (0 for none)
     * @param normalizeStd  std divided by (1 for none)
     */
    public static Dataset of(String name, int channels, int height, int width, int classes, List<float[]> images,
            int[] labels, int inputBits, double normalizeMean, double normalizeStd) {
        if (channels < 1 || height < 1 || width < 1 || classes < 1) {
            throw new IllegalArgumentException("dataset " + name + ": invalid shape [" + channels + ", " + height
                    + ", " + width + "] or class count " + classes);
        }
        if (images.size() != labels.length) {
            throw new IllegalArgumentException("dataset " + name + ": " + images.size() + " images but "
                    + labels.length + " labels");
        }
        int size = Math.toIntExact((long) channels * height * width);
        float[][] imgs = images.toArray(new float[0][]);
        for (int i = 0; i < imgs.length; i++) {
            if (imgs[i].length != size) {
                throw new IllegalArgumentException("dataset " + name + ": image " + i + " has " + imgs[i].length
                        + " values, expected " + channels + "x" + height + "x" + width + " = " + size);
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("dataset " + name + ": label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
        return new Dataset(name, channels, height, width, classes, imgs, labels.clone(), inputBits, normalizeMean,
                normalizeStd);
    }

    /** Says where the data came from and how it was transformed, e.g. {@code mnist-bundled test, 12x12}. */
    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int channels() {
        return channels;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** {@code [channels, height, width]}. */
    public int[] shape() {
        return new int[] {channels, height, width};
    }

    /** Values per sample: channels x height x width. */
    public int sampleSize() {
        return channels * height * width;
    }

    public int classes() {
        return classes;
    }

    /** Sample {@code i}'s values (the backing array: do not modify). */
    public float[] image(int i) {
        return images[i];
    }

    /** Sample {@code i} as a {@code [C, H, W]} tensor sharing the backing array. */
    public Tensor imageTensor(int i) {
        return Tensor.of(images[i], channels, height, width);
    }

    public int label(int i) {
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Input quantisation bits applied, 0 if none. */
    public int inputBits() {
        return inputBits;
    }

    public double normalizeMean() {
        return normalizeMean;
    }

    public double normalizeStd() {
        return normalizeStd;
    }

    /** The first {@code n} samples (all if fewer), sharing image arrays. */
    public Dataset first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative sample count " + n);
        }
        if (n >= size()) {
            return this;
        }
        return new Dataset(name, channels, height, width, classes, Arrays.copyOf(images, n),
                Arrays.copyOf(labels, n), inputBits, normalizeMean, normalizeStd);
    }

    @Override
    public String toString() {
        return "Dataset[" + name + ", " + size() + " x " + Arrays.toString(shape()) + ", " + classes + " classes]";
    }
}
