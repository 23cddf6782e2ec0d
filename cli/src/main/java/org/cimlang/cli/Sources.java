package org.cimlang.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.cimlang.cim.Model;
import org.cimlang.cim.Simulation;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;

/** Finds declarations in loaded .cim files and the folders their relative paths are resolved against. */
public final class Sources {
    private Sources() {
    }

    /** The simulations a resource declares, in file order. */
    static List<Simulation> simulations(Resource r) {
        List<Simulation> found = new ArrayList<>();
        if (r.getContents().isEmpty()) {
            return found;
        }
        for (var d : ((Model) r.getContents().get(0)).getElements()) {
            if (d instanceof Simulation s) {
                found.add(s);
            }
        }
        return found;
    }

    /** The networks a resource declares, in file order. */
    static List<org.cimlang.cim.Network> networks(Resource r) {
        List<org.cimlang.cim.Network> found = new ArrayList<>();
        if (r.getContents().isEmpty()) {
            return found;
        }
        for (var d : ((Model) r.getContents().get(0)).getElements()) {
            if (d instanceof org.cimlang.cim.Network n) {
                found.add(n);
            }
        }
        return found;
    }

    /** The file an IR origin (an EMF object) was declared in. */
    public static Path fileOf(Object origin) {
        if (origin instanceof EObject o && o.eResource() != null && o.eResource().getURI().isFile()) {
            return Path.of(o.eResource().getURI().toFileString());
        }
        return null;
    }

    /** The folder of the file an origin was declared in, or {@code fallback}. */
    public static Path dirOf(Object origin, Path fallback) {
        Path f = fileOf(origin);
        return f == null ? fallback : f.toAbsolutePath().getParent();
    }

    /** The sweeps a resource declares, in file order. */
    public static List<org.cimlang.cim.Sweep> sweeps(Resource r) {
        List<org.cimlang.cim.Sweep> found = new ArrayList<>();
        if (r.getContents().isEmpty()) {
            return found;
        }
        for (var d : ((Model) r.getContents().get(0)).getElements()) {
            if (d instanceof org.cimlang.cim.Sweep s) {
                found.add(s);
            }
        }
        return found;
    }
}
