package org.cimlang.semantic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.cimlang.cim.CalibrationDecl;
import org.cimlang.cim.DatasetDecl;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.cim.Quantization;
import org.cimlang.cim.ReportDecl;
import org.cimlang.cim.Simulation;
import org.cimlang.cim.WeightsDecl;
import org.cimlang.io.WorkspaceBoundary;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;

/**
 * The workspace rule of {@link WorkspaceBoundary} applied to the paths a design names, each
 * resolved against the folder of the file that declares it (as the simulator resolves them).
 */
public final class PathsInWorkspace {
    private PathsInWorkspace() {
    }

    /** The file {@code decl} was declared in, if it is a file on disk. */
    public static Optional<Path> fileOf(EObject decl) {
        URI uri = decl == null || decl.eResource() == null ? null : decl.eResource().getURI();
        if (uri == null || !uri.isFile()) {
            return Optional.empty();
        }
        return Optional.of(Path.of(uri.toFileString()).toAbsolutePath().normalize());
    }

    /** {@code written} resolved against the folder of {@code decl}'s file. */
    public static Optional<Path> resolve(EObject decl, String written) {
        if (written == null) {
            return Optional.empty();
        }
        return fileOf(decl).map(f -> f.getParent().resolve(written).normalize());
    }

    /** The message saying that {@code written} lies outside {@code decl}'s workspace, or empty. */
    public static Optional<String> outside(EObject decl, String what, String written) {
        Optional<Path> file = fileOf(decl);
        Optional<Path> resolved = resolve(decl, written);
        if (file.isEmpty() || resolved.isEmpty()) {
            return Optional.empty();
        }
        return WorkspaceBoundary.of(file.get()).outside(what, written, resolved.get());
    }

    /**
     * Every path a run of {@code s} reads or writes that lies outside its workspace: its dataset and
     * report, its network's weights, its quantization's calibration data.
     */
    public static List<String> outsideForRun(Simulation s) {
        List<String> out = new ArrayList<>();
        for (EObject item : s.getItems()) {
            if (item instanceof DatasetDecl d) {
                outside(d, "dataset", d.getPath()).ifPresent(out::add);
            } else if (item instanceof ReportDecl r) {
                outside(r, "report", r.getPath()).ifPresent(out::add);
            }
        }
        Mapping m = s.getMapping();
        if (m != null && !m.eIsProxy()) {
            Object n = target(m, org.cimlang.cim.CimPackage.Literals.MAPPING__NETWORK);
            if (n instanceof Network network) {
                for (WeightsDecl w : network.getWeights()) {
                    outside(w, "weights file", w.getPath()).ifPresent(out::add);
                }
            }
            Object q = target(m, org.cimlang.cim.CimPackage.Literals.MAPPING__QUANTIZATION);
            if (q instanceof Quantization quantization) {
                for (EObject item : quantization.getItems()) {
                    if (item instanceof CalibrationDecl c) {
                        outside(c, "calibration data", c.getPath()).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    /** A reference's target, resolved without the generated getter's cast (a stale proxy may name another kind). */
    private static Object target(EObject owner, org.eclipse.emf.ecore.EReference ref) {
        Object t = owner.eGet(ref, false);
        return t instanceof EObject o && o.eIsProxy() ? org.eclipse.emf.ecore.util.EcoreUtil.resolve(o, owner) : t;
    }
}
