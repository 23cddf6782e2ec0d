package org.cimlang.onnx;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.cimlang.compiler.ir.Activation;
import org.cimlang.compiler.ir.LayerKind;
import org.cimlang.compiler.ir.LayerParam;

/**
 * The keywords of the cimlang grammar (dsl/src/main/java/org/cimlang/Cim.xtext), which cannot name a
 * layer or a network. {@code x} is absent: the grammar accepts it as a name ({@code ValidID}). The
 * cli module's tests check this list against the grammar, which this module cannot see.
 */
public final class CimKeywords {
    /** Every keyword that is a word (punctuation cannot occur in a sanitised name). */
    public static final Set<String> WORDS = withLayerWords(
            // declarations and their items
            "package", "import", "chip", "network", "quantization", "mapping", "simulation", "weights", "for", "on",
            "with", "of", "from",
            // chip
            "technology", "node", "clock", "tiles", "arrays", "per", "tile", "array", "cell", "bits", "read",
            "latency", "energy", "write", "rows", "active", "adc", "ideal", "range", "granular", "calibrated", "nonlinear", "shared", "by", "columns", "dac", "signed",
            "slicing", "buffer", "endurance", "writes", "offset", "compensation", "nonideal", "variation",
            "lognormal", "noise", "stuck", "at", "zero", "one", "drift", "decade", "ratio", "inl", "dnl", "wire",
            "resistance",
            // 'arrays per pe', 'adc bits B sar', 'interconnect mesh width W bits', 'cell area', 'write drivers'
            // and a network's 'activity inputs D' are also names (ValidID), so the importer may use them
            "sram", "rram", "pcm", "nor_flash", "mram", "fefet", "dram", "differential", "binary", "unary",
            // network: 'bias true'/'bias false'; layer kinds, parameters and functions are added from the table
            "true", "false",
            // quantization
            "activations", "symmetric", "asymmetric", "calibrate", "max", "layer", "layers", "calibration",
            "samples", "minmax", "percentile", "mse", "equalize", "adaround", "biascorrect", "training", "aware", "fault",
            // mapping
            "place", "digital", "replicate", "auto", "schedule", "pipeline", "sequential", "reprogram", "allowed", "pack",
            "lifetime", "least",
            // simulation
            "dataset", "split", "limit", "resize", "normalize", "mean", "std", "off", "seed", "trials", "time",
            "report");

    /** The fixed words plus the table's layer kinds, parameters and activation functions. */
    private static Set<String> withLayerWords(String... fixed) {
        Set<String> words = new HashSet<>(Arrays.asList(fixed));
        Arrays.stream(LayerKind.values()).map(LayerKind::keyword).forEach(words::add);
        Arrays.stream(LayerParam.values()).map(LayerParam::keyword).forEach(words::add);
        Arrays.stream(Activation.values()).map(Activation::keyword).forEach(words::add);
        return Set.copyOf(words);
    }

    private CimKeywords() {
    }

    public static boolean isKeyword(String word) {
        return WORDS.contains(word);
    }
}
