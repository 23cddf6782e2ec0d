package org.cimlang.simulator.qmodel;

import java.util.Objects;

import org.cimlang.compiler.ir.NumberType;
import org.cimlang.compiler.ptq.AffineQuantizer;
import org.cimlang.compiler.ptq.QuantParams;

/**
 * How a layer's output tensor is held between layers: integer codes of a number type with one scale
 * and zero point ({@code x ~ scale * (q - zeroPoint)}), or binary codes +-1 standing for the reals +-1.
 *
 * @param type   the activation's number type
 * @param params per-tensor parameters; for binary: scale 1, zero point 0, codes -1..1
 */
public record ActivationFormat(NumberType type, QuantParams params) {

    private static final ActivationFormat BINARY = new ActivationFormat(NumberType.BINARY,
            QuantParams.perTensor(1.0, 0, -1, 1));

    public ActivationFormat {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(params, "params");
        if (params.perChannel()) {
            throw new IllegalArgumentException("activations are quantised per tensor, found " + params);
        }
    }

    /** Binary activations: the code is the sign, +1 for reals >= 0. */
    public static ActivationFormat binary() {
        return BINARY;
    }

    public boolean isBinary() {
        return type.binary();
    }

    public double scale() {
        return params.scale();
    }

    public int zeroPoint() {
        return params.zeroPoint();
    }

    public int qmin() {
        return params.qmin();
    }

    public int qmax() {
        return params.qmax();
    }

    /** The code of a real value: its sign for binary, else {@code clamp(round(x / s) + z)}. */
    public int quantize(double real) {
        if (type.binary()) {
            return real >= 0 ? 1 : -1;
        }
        return AffineQuantizer.quantize(real, params.scale(), params.zeroPoint(), params.qmin(), params.qmax());
    }

    /** The real value a code stands for. */
    public double dequantize(int code) {
        return type.binary() ? code : params.scale() * ((long) code - params.zeroPoint());
    }

    @Override
    public String toString() {
        return type.binary() ? "binary" : type + " (scale " + params.scale() + ", zero point " + params.zeroPoint() + ")";
    }
}
