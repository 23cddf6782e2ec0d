package org.cimlang.compiler.mapping;

import org.cimlang.compiler.cost.Quantities;
import static org.cimlang.compiler.ir.DiagnosticCodes.ADC_CLIPPING;
import static org.cimlang.compiler.ir.DiagnosticCodes.CELL_LEVELS_UNUSED;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.AdcRangeMode;
import org.cimlang.compiler.ir.Chip;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.ir.Severity;

/**
 * ADC resolution (part of stage 4, {@link CrossbarPlanning}). A column sums at most
 * {@code Ract * (2^d - 1) * (2^b_c - 1)} ({@code d} the bits of the largest input digit a cycle applies), which
 * needs {@code ceil(log2(Smax + 1))} bits (the bit length of Smax) to be exact. Fewer ADC bits clip
 * the partial sums (warning); weight bits that are not a multiple of the cell bits leave levels
 * unused (info, one per distinct case, listing the layers).
 */
public final class PrecisionCheck {
    private PrecisionCheck() {
    }

    /**
     * @param rowsUsed   rows used in the layer's fullest row block
     * @param rowsActive rows the chip drives per read
     * @param digitBits  bits of the largest input digit a cycle applies ({@link CrossbarPlanning#cycles})
     * @param adcBits    the chip's ADC bits, 0 when not given
     */
    public static LayerPrecision layer(long rowsUsed, long rowsActive, int digitBits, int cellBitsUsed, int adcBits) {
        return layer(rowsUsed, rowsActive, digitBits, cellBitsUsed, adcBits, false);
    }

    /**
     * @param signedConversion the layer's differential pairs are subtracted before one conversion: the
     *                         difference spans {@code -Smax..Smax}, one bit more than a single column
     */
    public static LayerPrecision layer(long rowsUsed, long rowsActive, int digitBits, int cellBitsUsed, int adcBits,
            boolean signedConversion) {
        long ract = Math.min(rowsUsed, rowsActive);
        BigInteger max = BigInteger.valueOf(ract).multiply(BigInteger.ONE.shiftLeft(digitBits).subtract(BigInteger.ONE))
                .multiply(BigInteger.ONE.shiftLeft(cellBitsUsed).subtract(BigInteger.ONE));
        int needed = Math.max(1, max.bitLength()) + (signedConversion ? 1 : 0);
        long maxLong = max.bitLength() < 64 ? max.longValue() : Long.MAX_VALUE;
        return new LayerPrecision(ract, digitBits, cellBitsUsed, maxLong, needed, adcBits > 0 ? adcBits : needed,
                signedConversion);
    }

    /**
     * One clipping warning per distinct case (layers with the same rows, bits and cells share one, so an
     * editor shows one line instead of fifty), then the unused-level infos. Data: {@code needs=N}, then
     * the layers.
     */
    public static List<Diagnostic> diagnostics(Chip chip, MappingSpec spec, Map<String, LayerPrecision> precision,
            Map<String, SlicePlan> slices) {
        List<Diagnostic> out = new ArrayList<>();
        Map<LayerPrecision, List<String>> clipping = new LinkedHashMap<>();
        for (Map.Entry<String, LayerPrecision> e : precision.entrySet()) {
            if (e.getValue().clips()) {
                clipping.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (Map.Entry<LayerPrecision, List<String>> c : clipping.entrySet()) {
            LayerPrecision p = c.getKey();
            List<String> data = new ArrayList<>();
            data.add("needs=" + p.bitsNeeded());
            data.addAll(c.getValue());
            out.add(new Diagnostic(Severity.WARNING, ADC_CLIPPING, "ADC " + p.bitsAvailable()
                    + " bits cannot hold column sums of " + names(c.getValue()) + " (" + p.rowsActive() + " rows x "
                    + p.inputBitsPerCycle() + "-bit input x " + p.cellBitsUsed() + "-bit cells, max " + p.maxColumnSum()
                    + ", needs " + p.bitsNeeded() + " bits): " + consequence(chip, p), chip.originOf("adc"),
                    "adc", data));
        }
        Map<String, List<String>> cases = new LinkedHashMap<>();
        for (Map.Entry<String, SlicePlan> e : slices.entrySet()) {
            SlicePlan s = e.getValue();
            if (s.hasUnusedLevels()) {
                cases.computeIfAbsent(levelsMessage(s), k -> new ArrayList<>()).add(e.getKey());
            }
        }
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            List<String> layers = c.getValue();
            out.add(Diagnostic.info(CELL_LEVELS_UNUSED, names(layers) + ": " + c.getKey(), spec.originOf("quantization"),
                    "quantization", layers.toArray(String[]::new)));
        }
        return out;
    }

    /** What the simulator does with the sums, by the chip's range (AdcRange.MAX_SUM / UNIT_LSB there). */
    private static String consequence(Chip chip, LayerPrecision p) {
        AdcRangeMode range = chip.adcRange();
        long top = (1L << p.bitsAvailable()) - 1;
        if (range == AdcRangeMode.GRANULAR) {
            return "partial sums above " + top + " will clip";
        }
        if (range == AdcRangeMode.NONLINEAR) {
            return "range nonlinear places the " + (top + 1) + " levels by Lloyd-Max on the sums the calibration images"
                    + " produce, dense where sums are frequent";
        }
        if (range == AdcRangeMode.CALIBRATED) {
            String scale = chip.adcPercentile() < 100
                    ? "the " + java.math.BigDecimal.valueOf(chip.adcPercentile()).stripTrailingZeros().toPlainString() + "th percentile of the sums the calibration images produce"
                            + " (the rest clip)"
                    : "the largest sum the calibration images produce";
            return "range calibrated sets the full scale to " + scale + ", at most "
                    + String.format(java.util.Locale.ROOT, "%.2f", (double) p.maxColumnSum() / top) + " levels per code";
        }
        return "each code spans " + String.format(java.util.Locale.ROOT, "%.2f", (double) p.maxColumnSum() / top)
                + " column-sum levels ('range granular' keeps one level per code and clips above " + top + ")";
    }

    /** Up to five names, then how many more. */
    private static String names(List<String> layers) {
        return layers.size() <= 5 ? String.join(", ", layers)
                : String.join(", ", layers.subList(0, 5)) + " and " + (layers.size() - 5) + " more";
    }

    private static String levelsMessage(SlicePlan s) {
        if (s.binaryWeights()) {
            return "binary weights use " + s.cellBits() + "-bit cells as 1-bit cells: " + Quantities.count(s.cellBits() - 1, "bit")
                    + " of each cell stay unused";
        }
        if (s.cellBitsUsed() < s.cellBits()) {
            return "unary slicing uses " + s.cellBits() + "-bit cells as single-level cells: " + Quantities.count(s.cellBits() - 1, "bit")
                    + " of each cell stay unused";
        }
        String what = switch (s.encoding()) {
            case DIFFERENTIAL -> s.storedBits() + "-bit weight magnitudes (int" + s.weightBits() + ")";
            case OFFSET -> s.storedBits() + "-bit offset weights";
            case UNSIGNED -> s.storedBits() + "-bit weights";
        };
        return what + " in " + s.slices() + " slices of " + s.cellBits() + "-bit cells: the top slice uses "
                + s.topSliceBits() + " of its " + s.cellBits() + " bits";
    }
}
