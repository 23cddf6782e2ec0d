package org.cimlang.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Count;
import org.cimlang.cim.Layer;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.Quantization;
import org.cimlang.cim.Simulation;
import org.cimlang.compiler.ir.Diagnostic;
import org.cimlang.compiler.ir.DiagnosticCodes;
import org.cimlang.compiler.mapping.Compilation;
import org.cimlang.compiler.mapping.SimulationFit;
import org.cimlang.compiler.quant.EffectiveQuantization;
import org.cimlang.compiler.shape.AnalyzedNetwork;
import org.cimlang.compiler.shape.NetworkAnalysis;
import org.cimlang.semantic.CimSemantics;
import org.cimlang.semantic.DesignBuilder;
import org.cimlang.semantic.Numbers;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.validation.AbstractDeclarativeValidator;
import org.eclipse.xtext.validation.Check;

import com.google.inject.Inject;

/**
 * Puts the compiler's diagnostics (shapes, quantisation, capacity, placement, ADC precision,
 * endurance) on the places they are about. All numbers come from the compiler; this class only
 * translates origins into editor positions.
 *
 * <p>A diagnostic whose origin lies in another file (a chip from a library, say) is shown on the
 * mapping header of this file, since an editor can only mark the file it validates.
 */
public class CompilerDiagnosticsValidator extends AbstractDeclarativeValidator {

    /** Codes whose condition the front end or the linker already reports, with its own wording. */
    static final Set<String> REPORTED_BY_FRONT_END = Set.of(DiagnosticCodes.INPUT_UNKNOWN,
            DiagnosticCodes.LAYER_DUPLICATE, DiagnosticCodes.INPUT_COUNT, DiagnosticCodes.MAPPING_UNRESOLVED,
            DiagnosticCodes.QUANT_NETWORK_MISMATCH, DiagnosticCodes.QUANT_BITS, DiagnosticCodes.QUANT_PERCENTILE);

    /** A network's weights file does not exist yet (info: training writes it). */
    public static final String WEIGHTS_MISSING = "cim.weights.missing";
    /** A network's weights file cannot be read or does not fit the network. */
    public static final String WEIGHTS_INVALID = "cim.weights.invalid";

    @Inject
    private CimSemantics semantics;

    @Inject
    private org.cimlang.semantic.WeightsFileCheck weightsFiles;

    @Override
    protected List<EPackage> getEPackages() {
        return List.of(CimPackage.eINSTANCE);
    }

    /** Composed into CimValidator; registering it on its own would run every check twice. */
    @Override
    public void register(org.eclipse.xtext.validation.EValidatorRegistrar registrar) {
    }

    /**
     * The IR of a declaration the parser cut short after a typo is incomplete: its compiler findings
     * would be a cascade of the one syntax error (e.g. "array rows must be at least 1" after
     * {@code tilez 4} swallowed the array line), so they wait until the typo is fixed.
     */
    private static boolean truncated(EObject... declarations) {
        for (EObject d : declarations) {
            if (d != null && !d.eIsProxy() && SyntaxErrors.mayHaveDroppedText(d)) {
                return true;
            }
        }
        return false;
    }

    @Check
    public void checkNetwork(Network n) {
        if (truncated(n)) {
            return;
        }
        AnalyzedNetwork analysis = semantics.analyze(n);
        report(analysis.diagnostics(), n, n);
    }

    @Check
    public void checkQuantization(Quantization q) {
        if (q.getNetwork() == null || q.getNetwork().eIsProxy() || truncated(q, q.getNetwork())) {
            return;
        }
        AnalyzedNetwork analysis = semantics.analyze(q.getNetwork());
        var plan = EffectiveQuantization.resolve(analysis, DesignBuilder.quantization(q));
        report(plan.diagnostics(), q, q);
    }

    @Check
    public void checkMapping(Mapping m) {
        if (truncated(m, m.getChip(), m.getNetwork(), m.getQuantization())) {
            return;
        }
        Compilation c = semantics.compile(m);
        // analysis and quantisation findings are shown on the network and quantization themselves
        List<Diagnostic> own = c.diagnostics().stream()
                .filter(d -> !(d.origin() instanceof EObject o) || !isWithin(o, Network.class, Quantization.class)
                        || o.eResource() != m.eResource() && d.isError())
                .toList();
        report(own, m, m);
    }

    /** A simulation of a mapping with a layer beyond the simulator's bounds: what 'cim run' would refuse. */
    @Check
    public void checkSimulatedLayers(Simulation s) {
        Mapping m = s.getMapping();
        if (m == null || m.eIsProxy() || truncated(s, m, m.getChip(), m.getNetwork(), m.getQuantization())) {
            return;
        }
        Compilation c = semantics.compile(m);
        if (c.result() == null) {
            return;
        }
        for (Diagnostic d : SimulationFit.check(c.result(), s, "mapping")) {
            error(d.message(), s, CimPackage.Literals.SIMULATION__MAPPING, d.code(), d.data().toArray(String[]::new));
        }
    }

    private static boolean isWithin(EObject o, Class<?>... types) {
        for (EObject e = o; e != null; e = e.eContainer()) {
            for (Class<?> t : types) {
                if (t.isInstance(e)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void report(List<Diagnostic> diagnostics, EObject scope, EObject fallback) {
        Set<String> seen = new HashSet<>();
        for (Diagnostic d : diagnostics) {
            if (REPORTED_BY_FRONT_END.contains(d.code())) {
                continue;
            }
            boolean here = d.origin() instanceof EObject o && o.eResource() == scope.eResource();
            if (here && d.isError() && (RANGE_REPORTED_AT_THE_NUMBER.contains(d.code())
                    || holdsUnreadableCount((EObject) d.origin()))) {
                continue;
            }
            EObject target = here ? (EObject) d.origin() : fallback;
            EStructuralFeature feature = target == fallback && target != d.origin()
                    ? CimPackage.Literals.DECLARATION__NAME : feature(target, d.feature());
            String message = target == d.origin() || !(d.origin() instanceof EObject o) ? d.message()
                    : RANGE_REPORTED_AT_THE_NUMBER.contains(d.code()) ? outOfRangeElsewhere(o)
                    : d.message() + " (in " + o.eResource().getURI().lastSegment() + ")";
            if (!seen.add(System.identityHashCode(target) + "|" + message)) {
                continue;
            }
            String[] data = d.data().toArray(String[]::new);
            switch (d.severity()) {
                case ERROR -> error(message, target, feature, d.code(), data);
                case WARNING -> warning(message, target, feature, d.code(), data);
                case INFO -> info(message, target, feature, d.code(), data);
            }
        }
    }

    /**
     * Out-of-range chip sizes and bits: the front end reports each at the number, against the same
     * {@link org.cimlang.compiler.ir.Limits}; the compiler's copy would be a second error for one number.
     */
    static final Set<String> RANGE_REPORTED_AT_THE_NUMBER = Set.of(DiagnosticCodes.CHIP_RANGE);

    /**
     * A number too large or fractional for a count is read as a stand-in (0, say) so that the rest of
     * the file still compiles; what the compiler then finds on that part ("must be at least 1, found
     * 0") is a cascade of the number's own error.
     */
    private static boolean holdsUnreadableCount(EObject part) {
        if (part instanceof Count c) {
            return c.getValue() != null && Numbers.count(c).isEmpty();
        }
        for (var it = part.eAllContents(); it.hasNext();) {
            if (it.next() instanceof Count c && c.getValue() != null && Numbers.count(c).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * One error on this file's mapping for a chip whose numbers are out of range in another file: the
     * numbers themselves are reported there, and a mapping of this file can still not be compiled.
     */
    private static String outOfRangeElsewhere(EObject part) {
        EObject decl = part;
        while (decl != null && !(decl instanceof org.cimlang.cim.Declaration)) {
            decl = decl.eContainer();
        }
        String name = decl instanceof org.cimlang.cim.Declaration dd ? dd.getName() : "the chip";
        return "chip " + name + " has out-of-range numbers in " + part.eResource().getURI().lastSegment()
                + ": fix them there (that file's errors say which)";
    }

    /** The compiler names parts by their keyword; map the ones that differ from the EMF feature name. */
    private static EStructuralFeature feature(EObject target, String name) {
        if (name == null) {
            return null;
        }
        String featureName = switch (name) {
            case "from" -> "inputs";
            default -> name;
        };
        EStructuralFeature f = target.eClass().getEStructuralFeature(featureName);
        if (f == null && target instanceof Layer) {
            return CimPackage.Literals.LAYER__NAME;
        }
        return f;
    }

    /** The trained parameters a network names must fit it: what 'cim run' would refuse, said while typing. */
    @Check
    public void checkWeightsFile(org.cimlang.cim.WeightsDecl decl) {
        if (!(decl.eContainer() instanceof Network n) || truncated(n)) {
            return;
        }
        var result = weightsFiles.check(decl, semantics.analyze(n));
        if (result.isEmpty()) {
            return;
        }
        var r = result.get();
        var path = CimPackage.Literals.WEIGHTS_DECL__PATH;
        if (r.outside() != null) {
            error(r.outside(), decl, path, CimIssueCodes.PATH_OUTSIDE);
        } else if (r.missing()) {
            info(decl.getPath() + " does not exist yet: 'cim train' (or 'cim run', which trains first) writes it",
                    decl, path, WEIGHTS_MISSING);
        } else if (org.cimlang.semantic.WeightsFileCheck.DIRECTORY.equals(r.unreadable())) {
            error(decl.getPath() + " " + r.unreadable() + ": name a .npz file (e.g. \"" + n.getName().toLowerCase(
                    java.util.Locale.ROOT) + ".npz\"), or move the folder away", decl, path, WEIGHTS_INVALID);
        } else if (r.unreadable() != null) {
            error("weights file " + decl.getPath() + ": " + r.unreadable() + " (or delete it: 'cim train' writes a new one)",
                    decl, path, WEIGHTS_INVALID);
        } else {
            for (String problem : r.problems()) {
                error("weights file " + decl.getPath() + ": " + problem, decl, path, WEIGHTS_INVALID);
            }
        }
    }
}
