package org.cimlang.simulator.run;

import java.util.List;

/** Mean and spread of one figure over the simulated chips (Monte-Carlo trials). */
final class TrialStatistics {
    private TrialStatistics() {
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** Sample standard deviation (0 for fewer than two chips). */
    static double std(List<Double> values) {
        int n = values.size();
        if (n < 2) {
            return 0;
        }
        double m = mean(values);
        double s = 0;
        for (double a : values) {
            s += (a - m) * (a - m);
        }
        return Math.sqrt(s / (n - 1));
    }
}
