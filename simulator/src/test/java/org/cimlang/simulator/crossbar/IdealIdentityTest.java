package org.cimlang.simulator.crossbar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.cimlang.compiler.ir.Slicing;
import org.cimlang.compiler.ir.WeightEncoding;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** On an ideal chip whose ADC has exactly enough bits, the crossbar computes W^T x bit for bit. */
class IdealIdentityTest {

    private record Case(String name, int k, int n, WeightFormat wf, InputFormat xf, ArrayGeometry g) {
    }

    private static void assertExact(Case c, int products, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int lo;
        int hi;
        int[] w;
        if (c.wf.binary()) {
            w = Fixtures.binaryWeights(rnd, c.k, c.n);
        } else if (!c.wf.signed()) {
            w = Fixtures.weights(rnd, c.k, c.n, 0, (1 << c.wf.bits()) - 1);
        } else {
            boolean offset = c.g.encoding() == WeightEncoding.OFFSET;
            lo = offset ? -(1 << (c.wf.bits() - 1)) : -c.wf.maxMagnitude();
            hi = offset ? (1 << (c.wf.bits() - 1)) - 1 : c.wf.maxMagnitude();
            w = Fixtures.weights(rnd, c.k, c.n, lo, hi);
        }
        ProgrammedLayer layer = CrossbarLayer.program(w, c.k, c.n, c.wf, c.xf, c.g, NonIdealityDraw.ideal());
        assertTrue(layer.isExact(), c.name + ": ADC of " + layer.adcBits() + " bits should be exact");
        assertEquals(1.0, layer.outputLsb());
        int[] xs = Fixtures.inputs(rnd, products * c.k, c.xf);
        // the extreme inputs too: all at the format's max (and min when signed)
        for (int i = 0; i < c.k; i++) {
            xs[i] = c.xf.max();
            if (products > 1) {
                xs[c.k + i] = c.xf.min();
            }
        }
        // both paths: the exact GEMM shortcut and the slices and input cycles it stands for
        ProgrammedLayer sliced = layer.slicedOnly();
        assertTrue(layer.isDirect() && !sliced.isDirect(), c.name);
        long[] ys = new long[products * c.n];
        long[] slicedYs = new long[products * c.n];
        ActivityCounter counted = new ActivityCounter();
        ActivityCounter slicedCounted = new ActivityCounter();
        layer.mvmBatch(xs, products, ys, counted, 0);
        sliced.mvmBatch(xs, products, slicedYs, slicedCounted, 0);
        for (int p = 0; p < products; p++) {
            long[] want = Fixtures.exact(w, c.k, c.n, xs, p * c.k);
            long[] got = java.util.Arrays.copyOfRange(ys, p * c.n, (p + 1) * c.n);
            assertArrayEquals(want, got, c.name + ", product " + p);
            assertArrayEquals(want, java.util.Arrays.copyOfRange(slicedYs, p * c.n, (p + 1) * c.n),
                    c.name + ", product " + p + " through the slices");
        }
        assertEquals(slicedCounted.toString(), counted.toString(), c.name + ": the shortcut counts what the slices do");
        assertTrue(counted.cellActivations() > 0 && counted.adcConversions() > 0, counted.toString());
    }

    @Test
    void mlpLayer784x256With8BitWeightsIn4SlicesOf2BitCellsIsBitExact() {
        // offset encoding: ceil(8/2) = 4 slices; Smax = 128 rows x 1 x 3 = 384 -> 9 ADC bits are exact
        ArrayGeometry offset = Fixtures.geometry(128, 128, 2, 0, 1, 9, WeightEncoding.OFFSET);
        assertExact(new Case("784x256 offset", 784, 256, WeightFormat.signed(8), InputFormat.unsigned(8), offset), 12, 1);
        // differential: |w| in 7 bits -> ceil(7/2) = 4 slices per side
        ArrayGeometry diff = Fixtures.geometry(128, 128, 2, 0, 1, 9, WeightEncoding.DIFFERENTIAL);
        assertExact(new Case("784x256 differential", 784, 256, WeightFormat.signed(8), InputFormat.unsigned(8), diff), 12,
                2);
    }

    @Test
    void convSizedLayerWithK1152IsBitExact() {
        // 3x3x128 im2col rows, 128 outputs, 8-bit weights on 4-bit cells, 64 rows per read, 2-bit DAC:
        // Smax = 64 x 3 x 15 = 2880 -> 12 bits
        ArrayGeometry g = Fixtures.geometry(256, 128, 4, 64, 2, 12, WeightEncoding.OFFSET);
        assertExact(new Case("conv K=1152", 1152, 128, WeightFormat.signed(8), InputFormat.unsigned(8), g), 6, 3);
        ArrayGeometry d = Fixtures.geometry(128, 256, 2, 0, 1, 9, WeightEncoding.DIFFERENTIAL);
        assertExact(new Case("conv K=1152 signed inputs", 1152, 128, WeightFormat.signed(8), InputFormat.signed(8), d), 6,
                4);
    }

    @TestFactory
    Stream<DynamicTest> everyGeometryEncodingAndSlicingIsBitExactWithExactlyEnoughAdcBits() {
        List<Case> cases = new ArrayList<>();
        // adcBits 0 = exactly enough for Smax = Ract (2^b_dac - 1)(2^b_c - 1)
        cases.add(new Case("offset, 1-bit cells, 4-bit DAC on 5-bit inputs", 200, 37, WeightFormat.signed(5),
                InputFormat.unsigned(5), Fixtures.geometry(64, 100, 1, 0, 4, 0, WeightEncoding.OFFSET)));
        cases.add(new Case("differential, 3-bit cells, 3-bit DAC, signed 6-bit inputs, 16 rows per read", 300, 50,
                WeightFormat.signed(4), InputFormat.signed(6),
                Fixtures.geometry(128, 128, 3, 16, 3, 0, WeightEncoding.DIFFERENTIAL)));
        cases.add(new Case("offset, cells wider than the weight", 90, 11, WeightFormat.signed(3), InputFormat.unsigned(4),
                Fixtures.geometry(32, 16, 4, 0, 1, 0, WeightEncoding.OFFSET)));
        cases.add(new Case("offset, uneven slices straddling column blocks", 130, 33, WeightFormat.signed(7),
                InputFormat.unsigned(3), Fixtures.geometry(64, 10, 3, 0, 2, 0, WeightEncoding.OFFSET)));
        cases.add(new Case("int accumulators: 512 rows x 15 x 15 > short", 700, 20, WeightFormat.signed(8),
                InputFormat.unsigned(8), Fixtures.geometry(512, 64, 4, 0, 4, 0, WeightEncoding.DIFFERENTIAL)));
        cases.add(new Case("unary SPIRIT 144 -> 10, weights -4..4 in 4 + 4 single-level cells", 144, 10,
                WeightFormat.signed(4).withMaxMagnitude(4), InputFormat.unsigned(1),
                new ArrayGeometry(144, 80, 1, 0, 1, 0, WeightEncoding.DIFFERENTIAL, Slicing.UNARY, 0, AdcRange.MAX_SUM)));
        cases.add(new Case("binary weights, 5-bit inputs, 8 of 32 rows spare", 100, 96, WeightFormat.BINARY,
                InputFormat.unsigned(5),
                new ArrayGeometry(32, 96, 1, 0, 1, 0, WeightEncoding.DIFFERENTIAL, Slicing.BINARY, 8, AdcRange.MAX_SUM)));
        cases.add(new Case("binary weights, +-1 inputs as signed 2-bit", 96, 96, WeightFormat.BINARY, InputFormat.signed(2),
                Fixtures.geometry(128, 128, 1, 0, 1, 0, WeightEncoding.DIFFERENTIAL)));
        cases.add(new Case("unary offset: u = w + 8 of 15 level-1 cells, reference weighted 8", 60, 9,
                WeightFormat.signed(4), InputFormat.unsigned(3),
                new ArrayGeometry(64, 64, 2, 0, 1, 0, WeightEncoding.OFFSET, Slicing.UNARY, 0, AdcRange.MAX_SUM)));
        cases.add(new Case("unsigned weights, binary slicing", 150, 20, WeightFormat.unsigned(6), InputFormat.unsigned(4),
                Fixtures.geometry(64, 32, 2, 0, 2, 0, WeightEncoding.DIFFERENTIAL)));
        cases.add(new Case("unsigned weights, unary slicing", 40, 5, WeightFormat.unsigned(3), InputFormat.unsigned(4),
                new ArrayGeometry(16, 16, 1, 0, 1, 0, WeightEncoding.DIFFERENTIAL, Slicing.UNARY, 0, AdcRange.MAX_SUM)));
        cases.add(new Case("unsigned-range ADC policy with enough bits", 128, 16, WeightFormat.signed(8),
                InputFormat.unsigned(8), Fixtures.geometry(128, 128, 2, 0, 1, 9, WeightEncoding.OFFSET)
                        .withAdcRange(AdcRange.UNIT_LSB)));
        long seed = 10;
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) {
            long s = seed++;
            tests.add(DynamicTest.dynamicTest(c.name, () -> assertExact(c, 5, s)));
        }
        return tests.stream();
    }

    @Test
    void offsetEncodingSubtractsTheReferenceColumnHandExample() {
        // int4 on 2-bit cells, offset 8: w = [-3, 2] -> u = [5, 10] = [01 01, 10 10] -> slice digits [1,1], [2,2];
        // offset 8 = 10 00 -> reference slice 1 with level 2, factor 4.
        // x = [1, 2] (2 bits): cycle 0 drives row 0, cycle 1 drives row 1 (weight 2).
        // slice 0 total = 1 + 2*2 = 5, slice 1 total = 1 + 2*2 = 5, reference = 2 + 2*2 = 6
        // y = 5 + 4*5 - 4*6 = 1 = -3*1 + 2*2
        ProgrammedLayer l = CrossbarLayer.program(new int[] {-3, 2}, 2, 1, WeightFormat.signed(4), InputFormat.unsigned(2),
                Fixtures.geometry(2, 3, 2, 0, 1, 0, WeightEncoding.OFFSET), NonIdealityDraw.ideal());
        assertEquals(1, l.level(0, 0));
        assertEquals(1, l.level(0, 1));
        assertEquals(2, l.level(1, 0));
        assertEquals(2, l.level(1, 1));
        assertEquals(2, l.level(0, 2));
        assertEquals(1, l.referenceColumns());
        long[] y = new long[1];
        l.mvm(new int[] {1, 2}, y, null);
        assertEquals(1, y[0]);
    }

    @Test
    void differentialEncodingPutsMagnitudeOnTheSignsColumn() {
        // int8 on 4-bit cells: |w| in 7 bits -> 2 slices; w = -100 = -(0110 0100): negative side digits 4, 6
        ProgrammedLayer l = CrossbarLayer.program(new int[] {-100}, 1, 1, WeightFormat.signed(8), InputFormat.unsigned(1),
                Fixtures.geometry(8, 8, 4, 0, 1, 0, WeightEncoding.DIFFERENTIAL), NonIdealityDraw.ideal());
        // columns (slice, side): (0,+)=0, (0,-)=1, (1,+)=2, (1,-)=3
        assertEquals(0, l.level(0, 0));
        assertEquals(4, l.level(0, 1));
        assertEquals(0, l.level(0, 2));
        assertEquals(6, l.level(0, 3));
        long[] y = new long[1];
        l.mvm(new int[] {1}, y, null);
        assertEquals(-100, y[0]);
    }
}
