package org.cimlang.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.Network;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.simulator.run.RunException;
import org.cimlang.simulator.run.WeightsFile;
import org.cimlang.io.Tensor;
import org.eclipse.emf.ecore.resource.Resource;

/**
 * A network picked from a loaded workspace with its trained weights: what {@code cim export} and
 * {@code cim reference} work on.
 *
 * @param analysis    the network after shape inference (no errors)
 * @param weights     its parameters, checked against it
 * @param weightsFile where they were read from
 */
record NetworkSource(AnalyzedNetwork analysis, Map<String, Tensor> weights, Path weightsFile) {

    /**
     * The network named {@code name} anywhere in the workspace, else the one network FILE declares;
     * problems are {@link CliException}s with exit code 1 (errors in the input).
     */
    static NetworkSource load(Workspace ws, String name, Path base) {
        Resource target = ws.targets().get(0);
        String where = DiagnosticReport.display(Path.of(target.getURI().toFileString()), base);
        List<org.cimlang.cim.Network> found = new ArrayList<>();
        if (name != null) {
            for (Resource r : ws.resourceSet().getResources()) {
                Sources.networks(r).stream().filter(n -> name.equals(n.getName())).forEach(found::add);
            }
            if (found.isEmpty()) {
                throw new CliException(where + ": no network named '" + name + "' in the workspace; it declares: "
                        + names(Sources.networks(target)), ExitCodes.ERRORS);
            }
        } else {
            found.addAll(Sources.networks(target));
            if (found.size() != 1) {
                throw new CliException(where + ": declares " + (found.isEmpty() ? "no network"
                        : found.size() + " networks (" + names(found) + ")") + "; name one with --network",
                        ExitCodes.ERRORS);
            }
        }
        org.cimlang.cim.Network emf = found.get(0);
        Network network = DesignBuilder.network(emf);
        AnalyzedNetwork analysis = NetworkAnalysis.analyze(network);
        List<String> errors = analysis.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message)
                .toList();
        if (!errors.isEmpty()) {
            throw new CliException("network " + network.name() + " has errors:\n  " + String.join("\n  ", errors),
                    ExitCodes.ERRORS);
        }
        try {
            Path file = WeightsFile.of(network, Sources.dirOf(emf, base));
            if (!WeightsFile.exists(file)) {
                throw new CliException(DiagnosticReport.display(file, base) + ": the weights of network "
                        + network.name() + " do not exist yet: run 'cim train' on a simulation of it, or import "
                        + "trained weights", ExitCodes.ERRORS);
            }
            return new NetworkSource(analysis, WeightsFile.read(analysis, file), file);
        } catch (RunException e) {
            throw new CliException(e.getMessage(), e.kind() == RunException.Kind.INPUT ? ExitCodes.ERRORS
                    : ExitCodes.CANNOT_RUN, e);
        }
    }

    private static String names(List<org.cimlang.cim.Network> networks) {
        return networks.isEmpty() ? "none"
                : String.join(", ", networks.stream().map(org.cimlang.cim.Network::getName).toList());
    }
}
