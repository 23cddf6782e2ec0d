package org.cimlang.simulator.data;

import java.util.Arrays;

/** Byte images with one class label each, as read from a dataset's files. Arrays are not copied. */
public record LabelledImages(UByteImages images, int[] labels) {
    public LabelledImages {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(images.count() + " images but " + labels.length + " labels");
        }
    }

    public int count() {
        return labels.length;
    }

    /** The first {@code n} samples (all if there are fewer). */
    public LabelledImages first(int n) {
        if (n >= count()) {
            return this;
        }
        int size = images.imageSize();
        byte[] px = Arrays.copyOf(images.pixels(), n * size);
        return new LabelledImages(new UByteImages(n, images.channels(), images.height(), images.width(), px),
                Arrays.copyOf(labels, n));
    }
}
