package org.cimlang.compiler.cost;

import java.util.List;

/**
 * The technology table from 130 nm to 1 nm (docs/cost-model.md names the sources). A node between two
 * rows is interpolated on a log scale of the node's name; a node outside the table takes its end row.
 */
public final class TechnologyNodes {
    private TechnologyNodes() {
    }

    // node, F, VDD, FO4, wire C/um, leakage/mm^2
    private static final List<TechnologyNode> TABLE = List.of(
            new TechnologyNode(130, 130, 1.30, 55e-12, 0.25e-15, 0.05e-3),
            new TechnologyNode(90, 90, 1.20, 38e-12, 0.24e-15, 0.10e-3),
            new TechnologyNode(65, 65, 1.10, 28e-12, 0.22e-15, 0.20e-3),
            new TechnologyNode(45, 45, 1.00, 22e-12, 0.21e-15, 0.35e-3),
            new TechnologyNode(32, 32, 0.90, 18e-12, 0.20e-15, 0.50e-3),
            new TechnologyNode(22, 22, 0.85, 15e-12, 0.19e-15, 0.70e-3),
            new TechnologyNode(14, 18.3, 0.80, 10e-12, 0.18e-15, 0.80e-3),
            new TechnologyNode(10, 13.8, 0.75, 7.5e-12, 0.18e-15, 0.90e-3),
            new TechnologyNode(7, 12.4, 0.70, 6e-12, 0.17e-15, 1.00e-3),
            new TechnologyNode(5, 9.8, 0.65, 4.6e-12, 0.17e-15, 1.10e-3),
            new TechnologyNode(3, 8.8, 0.65, 4.0e-12, 0.16e-15, 1.20e-3),
            new TechnologyNode(2, 7.8, 0.60, 3.6e-12, 0.16e-15, 1.30e-3),
            new TechnologyNode(1, 6.6, 0.60, 3.2e-12, 0.15e-15, 1.40e-3));

    /** Every row, largest node first. */
    public static List<TechnologyNode> rows() {
        return TABLE;
    }

    /** The row of a node, interpolated between rows. */
    public static TechnologyNode of(double nodeNm) {
        if (!(nodeNm > 0) || nodeNm >= TABLE.get(0).nodeNm()) {
            return TABLE.get(0);
        }
        TechnologyNode last = TABLE.get(TABLE.size() - 1);
        if (nodeNm <= last.nodeNm()) {
            return last;
        }
        for (int i = 1; i < TABLE.size(); i++) {
            TechnologyNode lo = TABLE.get(i);
            if (nodeNm >= lo.nodeNm()) {
                TechnologyNode hi = TABLE.get(i - 1);
                if (nodeNm == lo.nodeNm()) {
                    return lo;
                }
                double w = Math.log(nodeNm / lo.nodeNm()) / Math.log(hi.nodeNm() / lo.nodeNm());
                return new TechnologyNode(nodeNm, geo(lo.featureNm(), hi.featureNm(), w), lin(lo.vdd(), hi.vdd(), w),
                        geo(lo.fo4DelayS(), hi.fo4DelayS(), w), lin(lo.wireCapFPerUm(), hi.wireCapFPerUm(), w),
                        geo(lo.leakageWPerMm2(), hi.leakageWPerMm2(), w));
            }
        }
        return last;
    }

    private static double geo(double lo, double hi, double w) {
        return lo * Math.pow(hi / lo, w);
    }

    private static double lin(double lo, double hi, double w) {
        return lo + (hi - lo) * w;
    }
}
