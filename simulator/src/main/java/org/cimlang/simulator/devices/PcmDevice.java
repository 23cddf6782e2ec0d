package org.cimlang.simulator.devices;

import java.util.List;
import java.util.SplittableRandom;

import org.cimlang.compiler.ir.effects.NonIdealEffect;
import org.cimlang.compiler.ir.effects.OnOffRatio;
import org.cimlang.compiler.ir.effects.PcmNoise;
import org.cimlang.compiler.ir.effects.StuckAtFaults;

/**
 * A phase-change cell after IBM aihwkit's {@code PCMLikeNoiseModel} (fits by Nandakumar et al., ICECS 2019,
 * to measured doped-GST devices; {@code g_max} 25 uS). With {@code g} the target conductance relative to
 * the highest level ({@code g = L / Lmax}, or the on/off-ratio target) and {@code z1..z3} standard normals:
 * <ul>
 * <li>programming: {@code g_p = max(0, g + (0.26348 + 1.9650 g - 1.1731 g^2) / 25 z1)} (the fit's sigma is
 * in uS at {@code g_max} 25 uS, hence the 25);
 * <li>drift: {@code nu = |mu + s z2|} with {@code mu = clip(-0.0155 ln g + 0.0244, 0.049, 0.1)} and
 * {@code s = clip(-0.0125 ln g - 0.0059, 0.008, 0.045)} ({@code g} at least 1e-7), and
 * {@code g_d = g_p ((t + t0) / t0)^-nu} with {@code t0} = 20 s, {@code t} the simulation's {@code time}
 * counted from that first read (aihwkit's {@code t_inference});
 * <li>1/f read noise frozen at that time: {@code q = min(0.2, 0.0088 / max(1e-3, g_p^0.65))},
 * {@code g_f = max(0, g_d + |g_d| q sqrt(ln((t + t0 + t_read) / (2 t_read))) z3)} with {@code t_read} =
 * 250 ns.
 * </ul>
 * Stuck cells conduct 0 (or the off state with a finite on/off ratio) and the highest level, and neither
 * vary nor drift. The result is in level units ({@code g_f Lmax}).
 *
 * @param time time since the first read after programming (s)
 */
public record PcmDevice(double stuckAtZero, double stuckAtMax, double onOffRatio, double time) implements DeviceModel {

    private static final double[] PROGRAMMING = {0.26348, 1.9650, -1.1731};
    private static final double FIT_G_MAX_US = 25.0;

    public PcmDevice {
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new IllegalArgumentException("time since programming must be finite and non-negative, found " + time);
        }
    }

    /** The PCM cells of a chip's effects; the chip's {@code variation} and {@code drift per decade} give way to the fit's. */
    public static PcmDevice of(List<NonIdealEffect> effects, double time) {
        double p0 = 0;
        double p1 = 0;
        double ratio = 0;
        for (NonIdealEffect e : effects) {
            if (e instanceof StuckAtFaults s) {
                p0 = s.atZero();
                p1 = s.atMax();
            } else if (e instanceof OnOffRatio r) {
                ratio = r.ratio();
            }
        }
        return new PcmDevice(p0, p1, ratio, time);
    }

    @Override
    public float stuck(CellFault fault, int levelMax) {
        return fault == CellFault.MAX ? levelMax : (float) (onOffRatio == 0 ? 0 : levelMax / onOffRatio);
    }

    @Override
    public float program(int level, int levelMax, SplittableRandom rng) {
        double g = (onOffRatio == 0 ? level : new OnOffRatio(onOffRatio).conductance(level, levelMax)) / levelMax;
        return (float) (levelMax * drawn(g, rng));
    }

    /** One cell's relative conductance at {@link #time}, from its relative target {@code g}. */
    double drawn(double g, SplittableRandom rng) {
        double sigmaProgramming = (PROGRAMMING[0] + PROGRAMMING[1] * g + PROGRAMMING[2] * g * g) / FIT_G_MAX_US;
        double gp = Math.max(0, g + sigmaProgramming * rng.nextGaussian());
        double nu = Math.abs(meanDriftExponent(g) + driftExponentSpread(g) * rng.nextGaussian());
        double t = time + PcmNoise.FIRST_READ_S;
        double gd = gp * Math.pow(t / PcmNoise.FIRST_READ_S, -nu);
        double q = Math.min(0.2, 0.0088 / Math.max(1e-3, Math.pow(gp, 0.65)));
        double sigmaRead = q * Math.sqrt(Math.log((t + PcmNoise.READ_DURATION_S) / (2 * PcmNoise.READ_DURATION_S)));
        return Math.max(0, gd + Math.abs(gd) * sigmaRead * rng.nextGaussian());
    }

    /** {@code mu(g)} of the drift exponent. */
    static double meanDriftExponent(double g) {
        return clip(-0.0155 * Math.log(Math.max(g, 1e-7)) + 0.0244, 0.049, 0.1);
    }

    /** {@code s(g)} of the drift exponent. */
    static double driftExponentSpread(double g) {
        return clip(-0.0125 * Math.log(Math.max(g, 1e-7)) - 0.0059, 0.008, 0.045);
    }

    private static double clip(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public boolean isIdeal() {
        return false;
    }
}
