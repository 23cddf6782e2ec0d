package org.cimlang.simulator.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.io.DataFileException;
import org.cimlang.io.NpzReader;
import org.cimlang.io.NpzWriter;
import org.cimlang.compiler.params.ParameterCheck;
import org.cimlang.io.Tensor;

/** A network's {@code weights "FILE.npz"}: where it is, reading it with every check, writing it atomically. */
public final class WeightsFile {
    private WeightsFile() {
    }

    /**
     * The file the network's {@code weights} line names, resolved against the folder of the file that
     * declares the network.
     *
     * @throws RunException when the network has no weights line, or the path is a folder (training
     *                      would run for nothing: it cannot write there)
     */
    public static Path of(Network network, Path networkDir) {
        if (network.weightsPath() == null || network.weightsPath().isBlank()) {
            throw RunException.input("network " + network.name() + " has no weights file: add a line "
                    + "'weights \"" + network.name().toLowerCase(java.util.Locale.ROOT) + ".npz\"' to it ("
                    + "'cim train' writes the file, or export one from PyTorch)", null);
        }
        Path p = Path.of(network.weightsPath());
        Path file = p.isAbsolute() || networkDir == null ? p : networkDir.resolve(p);
        if (Files.isDirectory(file)) {
            throw RunException.input(file + " is a directory, not a weights file: name a .npz file in network "
                    + network.name() + "'s weights line, or move the folder away", null);
        }
        return file;
    }

    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    /** Reads the parameters and checks them against the network: every tensor present, shaped and finite. */
    public static Map<String, Tensor> read(AnalyzedNetwork network, Path file) {
        Map<String, Tensor> params;
        try {
            params = NpzReader.read(file);
        } catch (DataFileException e) {
            throw RunException.input(e.getMessage() + "; or delete the file and run 'cim train' to write a new one", e);
        } catch (IOException e) {
            throw RunException.input(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        var problems = ParameterCheck.check(network, params);
        if (!problems.isEmpty()) {
            throw RunException.input(file + ": the weights do not fit network " + network.network().name() + ":\n  "
                    + String.join("\n  ", problems) + "\nfix the file (PyTorch names: <layer>.weight, <layer>.bias, "
                    + "<bn>.running_mean, ...) or delete it and run 'cim train' to write a new one", null);
        }
        return params;
    }

    /** Writes the parameters (temporary file and move: never a half-written file). */
    public static void write(Path file, Map<String, Tensor> params) {
        try {
            NpzWriter.write(file, params);
        } catch (IOException e) {
            throw RunException.environment(file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }
}
