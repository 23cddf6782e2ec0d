package org.cimlang.simulator.data;

/**
 * Images as stored on disk: unsigned bytes, {@code count} samples of {@code channels x height x
 * width} in C order, one after the other. The array is not copied: do not write into it.
 */
public record UByteImages(int count, int channels, int height, int width, byte[] pixels) {
    public UByteImages {
        if (count < 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("invalid image set " + count + " x " + channels + " x " + height
                    + " x " + width);
        }
        if ((long) count * channels * height * width != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + channels + "x" + height + "x" + width
                    + " need " + (long) count * channels * height * width + " bytes, got " + pixels.length);
        }
    }

    /** Bytes per image. */
    public int imageSize() {
        return channels * height * width;
    }

    /** The pixel at channel {@code c}, row {@code y}, column {@code x} of image {@code i}, as 0..255. */
    public int pixel(int i, int c, int y, int x) {
        return pixels[((i * channels + c) * height + y) * width + x] & 0xFF;
    }
}
