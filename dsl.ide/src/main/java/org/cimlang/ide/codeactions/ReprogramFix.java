package org.cimlang.ide.codeactions;

import java.util.Optional;

import org.cimlang.compiler.cost.Quantities;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.ir.MappingSpec;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.Compiler;
import org.cimlang.compiler.mapping.EnduranceReport;

/**
 * What {@code reprogram allowed} would give a mapping that does not fit: the engine compiles the same
 * mapping with reprogramming on, and the title reports its rounds and lifetime, so the fix never states a
 * figure the compiler would not.
 *
 * @param title the fix's title, e.g. "Allow reprogramming (4 rounds per inference, lifetime 2.5 M inferences)"
 */
record ReprogramFix(String title) {

    /** Nothing when the mapping fits, already reprograms, or would still fail with reprogramming. */
    static Optional<ReprogramFix> of(Compilation c) {
        if (c == null || c.result() == null || c.mapping().reprogramAllowed()) {
            return Optional.empty();
        }
        MappingSpec s = c.mapping();
        MappingSpec reprogrammed = new MappingSpec(s.name(), s.network(), s.chip(), s.quantization(), s.placements(),
                s.schedule(), true, s.pack(), s.layerPerTile(), s.lifetime(), s.origin(), s.partOrigins());
        Compilation r = Compiler.compile(c.chip(), c.network(), c.quantization(), reprogrammed);
        if (r.result() == null || r.diagnostics().stream().anyMatch(d -> d.isError()
                && !d.code().equals(DiagnosticCodes.LIFETIME_NOT_MET))) {
            return Optional.empty();
        }
        EnduranceReport e = r.result().endurance();
        if (!e.reprogrammed()) {
            return Optional.empty();
        }
        String lifetime = Double.isInfinite(e.lifetimeInferences())
                ? "lifetime unlimited: " + c.chip().technology().keyword() + " cells do not wear out"
                : "lifetime " + Quantities.number(e.lifetimeInferences()) + " inferences";
        return Optional.of(new ReprogramFix("Allow reprogramming (" + Quantities.count(e.rounds(), "round")
                + " per inference, " + lifetime + ")"));
    }
}
