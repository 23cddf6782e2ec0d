package org.cimlang.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.cimlang.cli.CliException;
import org.cimlang.cli.ExitCodes;

/**
 * A sweep source for tests and the benchmark, standing in for the language's: FILE is a properties file with
 * {@code name}, {@code points}, {@code seed} and {@code cost_micros}, and the sweep is the synthetic grid.
 */
public final class SyntheticSource implements SweepSource {
    @Override
    public Loaded load(Path file, String sweepName, Long seed) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new CliException(file + ": cannot be read: " + e.getMessage(), ExitCodes.CANNOT_RUN, e);
        }
        String name = p.getProperty("name", "grid");
        if (sweepName != null && !sweepName.equals(name)) {
            throw new CliException(file + ":1: no sweep named '" + sweepName + "'; the file declares '" + name + "'",
                    ExitCodes.ERRORS);
        }
        int points = Integer.parseInt(p.getProperty("points", "24"));
        long sweepSeed = seed != null ? seed : Long.parseLong(p.getProperty("seed", "1"));
        long cost = Long.parseLong(p.getProperty("cost_micros", "0"));
        return new Loaded(name, SyntheticSweep.points(points, sweepSeed), SyntheticSweep.OBJECTIVES,
                new SyntheticEvaluator(cost));
    }
}
