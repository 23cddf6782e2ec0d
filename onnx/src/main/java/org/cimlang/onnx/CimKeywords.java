package org.cimlang.onnx;

import java.util.Set;

/**
 * The keywords of the cimlang grammar (dsl/src/main/java/org/cimlang/Cim.xtext), which cannot name a
 * layer or a network. {@code x} is absent: the grammar accepts it as a name ({@code ValidID}). The
 * cli module's tests check this list against the grammar, which this module cannot see.
 */
public final class CimKeywords {
    /** Every keyword that is a word (punctuation cannot occur in a sanitised name). */
    public static final Set<String> WORDS = Set.of(
            // declarations and their items
            "package", "import", "chip", "network", "quantization", "mapping", "simulation", "weights", "for", "on",
            "with", "of", "from",
            // chip
            "technology", "node", "clock", "tiles", "arrays", "per", "tile", "array", "cell", "bits", "read",
            "latency", "energy", "write", "rows", "active", "adc", "ideal", "range", "granular", "calibrated", "shared", "by", "columns", "dac", "signed",
            "slicing", "buffer", "endurance", "writes", "offset", "compensation", "nonideal", "variation",
            "lognormal", "noise", "stuck", "at", "zero", "one", "drift", "decade", "ratio",
            "sram", "rram", "pcm", "nor_flash", "mram", "fefet", "dram", "differential", "binary", "unary",
            // network
            "input", "conv2d", "dense", "maxpool", "avgpool", "flatten", "batchnorm", "add", "concat", "activation",
            "softmax", "filters", "units", "kernel", "stride", "padding", "groups", "bias", "global", "axis",
            "true", "false", "relu", "sign", "tanh", "sigmoid", "none",
            // quantization
            "activations", "symmetric", "asymmetric", "calibrate", "max", "layer", "layers", "calibration",
            "samples", "minmax", "percentile", "mse",
            // mapping
            "place", "replicate", "auto", "schedule", "pipeline", "sequential", "reprogram", "allowed", "pack",
            "lifetime", "least",
            // simulation
            "dataset", "split", "limit", "resize", "normalize", "mean", "std", "off", "seed", "trials", "time",
            "report");

    private CimKeywords() {
    }

    public static boolean isKeyword(String word) {
        return WORDS.contains(word);
    }
}
