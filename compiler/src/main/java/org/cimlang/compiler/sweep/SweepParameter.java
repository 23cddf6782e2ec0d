package org.cimlang.compiler.sweep;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.DatasetSpec;
import org.cimlang.compiler.ir.Limits;
import org.cimlang.compiler.ir.NonIdeality;
import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ir.QuantSpec;
import org.cimlang.compiler.ir.Quantization;
import org.cimlang.compiler.ir.SimulationSpec;

/**
 * The one table of what a sweep can vary: the words a {@code vary} line names, the values each
 * takes, and how a value changes the design. The validator, completion, hover and the sweep runner
 * all read this table.
 */
public enum SweepParameter {
    ADC_BITS("chip.adc bits", ValueKind.COUNT, 1, Limits.MAX_ADC_BITS, "ADC resolution",
            Scope.CHIP, (c, v) -> c.toBuilder().adcBits((int) v.number()).build()),
    DAC_BITS("chip.dac bits", ValueKind.COUNT, 1, Limits.MAX_DAC_BITS, "input bits applied per cycle",
            Scope.CHIP, (c, v) -> c.toBuilder().dacBits((int) v.number()).build()),
    ARRAY("chip.array", ValueKind.COUNT, 1, Limits.MAX_ARRAY_SIDE, "square array side (rows = columns)",
            Scope.CHIP, (c, v) -> c.toBuilder().rows((long) v.number()).cols((long) v.number()).build()),
    ARRAY_ROWS("chip.array rows", ValueKind.COUNT, 1, Limits.MAX_ARRAY_SIDE, "array rows",
            Scope.CHIP, (c, v) -> c.toBuilder().rows((long) v.number()).build()),
    ARRAY_COLS("chip.array columns", ValueKind.COUNT, 1, Limits.MAX_ARRAY_SIDE, "array columns",
            Scope.CHIP, (c, v) -> c.toBuilder().cols((long) v.number()).build()),
    CELL_BITS("chip.cell bits", ValueKind.COUNT, 1, Limits.MAX_CELL_BITS, "bits stored per cell",
            Scope.CHIP, (c, v) -> c.toBuilder().cellBits((int) v.number()).build()),
    ROWS_ACTIVE("chip.rows active", ValueKind.COUNT, 1, Limits.MAX_ARRAY_SIDE, "rows driven per read",
            Scope.CHIP, (c, v) -> c.toBuilder().rowsActive((long) v.number()).build()),
    TILES("chip.tiles", ValueKind.COUNT, 1, Limits.MAX_TILES, "tiles on the chip",
            Scope.CHIP, (c, v) -> c.toBuilder().tiles((long) v.number()).build()),
    ARRAYS_PER_TILE("chip.arrays per tile", ValueKind.COUNT, 1, Limits.MAX_ARRAYS_PER_TILE, "arrays per tile",
            Scope.CHIP, (c, v) -> c.toBuilder().arraysPerTile((long) v.number()).build()),
    NODE("chip.node", ValueKind.NANOMETRES, 1, 130, "technology node in nm",
            Scope.CHIP, (c, v) -> c.toBuilder().nodeNm(v.number()).build()),
    VARIATION("chip.variation", ValueKind.PERCENT, 0, 100, "programming variation in % (sigma)",
            Scope.CHIP, (c, v) -> c.toBuilder().nonideal(withVariation(c.nonideal(), v.number() / 100)).build()),
    READ_NOISE("chip.read noise", ValueKind.PERCENT, 0, 100, "read noise in % (sigma)",
            Scope.CHIP, (c, v) -> c.toBuilder().nonideal(withReadNoise(c.nonideal(), v.number() / 100)).build()),
    WEIGHTS("quantization.weights", ValueKind.NUMBER_TYPE, 1, Limits.MAX_TYPE_BITS, "weight number type",
            Scope.QUANTIZATION, null),
    ACTIVATIONS("quantization.activations", ValueKind.NUMBER_TYPE, 1, Limits.MAX_TYPE_BITS,
            "activation number type", Scope.QUANTIZATION, null),
    INPUT_BITS("simulation.input bits", ValueKind.COUNT, 1, Limits.MAX_TYPE_BITS, "bits of each input image",
            Scope.SIMULATION, null);

    /** What kind of values a parameter takes. */
    public enum ValueKind {
        COUNT("a whole number"), NANOMETRES("a size in nm"), PERCENT("a percentage"),
        NUMBER_TYPE("a number type such as int4 or uint8");

        private final String description;

        ValueKind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Which block of the design a parameter changes. */
    public enum Scope {
        CHIP, QUANTIZATION, SIMULATION
    }

    private final String path;
    private final ValueKind kind;
    private final double min;
    private final double max;
    private final String description;
    private final Scope scope;
    private final BiFunction<Chip, SweepValue, Chip> onChip;

    SweepParameter(String path, ValueKind kind, double min, double max, String description, Scope scope,
            BiFunction<Chip, SweepValue, Chip> onChip) {
        this.path = path;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.description = description;
        this.scope = scope;
        this.onChip = onChip;
    }

    /** The words of a {@code vary} line: {@code chip.adc bits}. */
    public String path() {
        return path;
    }

    public ValueKind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public Scope scope() {
        return scope;
    }

    /** The parameter written as these words (blanks between words collapse to one). */
    public static Optional<SweepParameter> of(String path) {
        String p = path == null ? "" : path.trim().replaceAll("\\s+", " ").replace(" .", ".").replace(". ", ".");
        return Arrays.stream(values()).filter(s -> s.path.equals(p)).findFirst();
    }

    /** Every parameter's words, for messages and completion. */
    public static List<String> paths() {
        return Arrays.stream(values()).map(SweepParameter::path).toList();
    }

    /**
     * Why this value cannot be taken, or empty when it can: a word where a number belongs, a fraction
     * where a count belongs, a value out of range, an unknown number type.
     */
    public Optional<String> problem(SweepValue v) {
        if (kind == ValueKind.NUMBER_TYPE) {
            if (!v.isWord()) {
                return Optional.of(path + " takes number types such as int4 or uint8, not " + v.text());
            }
            NumberType t = NumberType.parse(v.word());
            if (t == null) {
                return Optional.of("'" + v.word() + "' is not a number type: write int2..int16, uint1..uint16 or binary");
            }
            if (t.bits() < min || t.bits() > max) {
                return Optional.of(path + " takes " + (long) min + " to " + (long) max + " bits, not " + v.word());
            }
            return Optional.empty();
        }
        if (v.isWord()) {
            return Optional.of(path + " takes " + kind.description() + ", not '" + v.word() + "'");
        }
        String expectedUnit = kind == ValueKind.PERCENT ? "%" : kind == ValueKind.NANOMETRES ? "nm" : null;
        if (v.unit() != null && !v.unit().equals(expectedUnit)) {
            return Optional.of(path + " takes " + kind.description() + (expectedUnit == null ? " without a unit"
                    : " in " + expectedUnit) + ", not '" + v.unit() + "'");
        }
        if (kind == ValueKind.COUNT && v.number() != Math.rint(v.number())) {
            return Optional.of(path + " takes whole numbers, not " + v.text());
        }
        if (v.number() < min || v.number() > max) {
            return Optional.of(path + " takes " + fmt(min) + " to " + fmt(max) + (expectedUnit == null ? ""
                    : " " + expectedUnit) + ", not " + v.text());
        }
        return Optional.empty();
    }

    /** The chip with this parameter's value; unchanged for parameters of other blocks. */
    public Chip applyTo(Chip chip, SweepValue v) {
        return onChip == null ? chip : onChip.apply(chip, v);
    }

    /** The quantization with this parameter's value; unchanged for parameters of other blocks. */
    public Quantization applyTo(Quantization q, SweepValue v) {
        if (this != WEIGHTS && this != ACTIVATIONS) {
            return q;
        }
        NumberType t = NumberType.parse(v.word());
        QuantSpec base = this == WEIGHTS ? q.weights() : q.activations();
        QuantSpec changed = base == null ? new QuantSpec(t, null, null, null, null, v.origin())
                : new QuantSpec(t, base.symmetric(), base.granularity(), base.calibration(), base.percentile(),
                        base.origin(), base.steps());
        return new Quantization(q.name(), q.network(), this == WEIGHTS ? changed : q.weights(),
                this == ACTIVATIONS ? changed : q.activations(), q.overrides(), q.calibrationPath(),
                q.calibrationSamples(), q.origin(), q.noiseAwareTraining());
    }

    /** The simulation with this parameter's value; unchanged for parameters of other blocks. */
    public SimulationSpec applyTo(SimulationSpec s, SweepValue v) {
        if (this != INPUT_BITS) {
            return s;
        }
        DatasetSpec d = s.dataset();
        DatasetSpec changed = new DatasetSpec(d.format(), d.path(), d.split(), d.limit(), d.resizeH(), d.resizeW(),
                d.normalizeMean(), d.normalizeStd(), (int) v.number(), d.origin());
        return new SimulationSpec(s.name(), s.mapping(), changed, s.nonideal(), s.seed(), s.trials(), s.timeS(),
                s.reportPath(), s.origin());
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static NonIdeality withVariation(NonIdeality n, double variation) {
        return new NonIdeality(variation, n.logNormal(), n.readNoise(), n.stuckAtZero(), n.stuckAtOne(),
                n.adcOffsetLsb(), n.driftPerDecade(), n.origin(), n.variationOfMax(), n.onOffRatio(),
                n.readNoiseOfMax(), n.pcmNoise(), n.driftCompensation(), n.adcInlLsb(), n.adcDnlLsb(), n.wireOverOn());
    }

    private static NonIdeality withReadNoise(NonIdeality n, double readNoise) {
        return new NonIdeality(n.variation(), n.logNormal(), readNoise, n.stuckAtZero(), n.stuckAtOne(),
                n.adcOffsetLsb(), n.driftPerDecade(), n.origin(), n.variationOfMax(), n.onOffRatio(),
                n.readNoiseOfMax(), n.pcmNoise(), n.driftCompensation(), n.adcInlLsb(), n.adcDnlLsb(), n.wireOverOn());
    }
}
