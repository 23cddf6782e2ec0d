package org.cimlang.ide.semantic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.cimlang.cim.CimPackage;
import org.cimlang.cim.Mapping;
import org.cimlang.cim.Network;
import org.cimlang.semantic.CimSemantics;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.ResourceSet;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;

import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * Finds the mappings of the workspace that map a network, and their compilations, so that editor
 * features on a network (hover, inlay hints) can show what the mapping engine decided for it.
 *
 * <p>Mappings in the network's own file are found in the file; mappings in other files through the
 * index's reference descriptions (which record only references across files), so that no other file is
 * loaded unless it does map the network.
 */
@Singleton
public class NetworkMappings {

    @Inject
    private ResourceDescriptionsProvider indexProvider;

    @Inject
    private CimSemantics semantics;

    /** A mapping and what the mapping engine made of it. */
    public record Mapped(Mapping mapping, org.cimlang.compiler.mapping.Compilation compilation) {
    }

    /** The mappings that map {@code network}: those of its own file first, then by file and name. */
    public List<Mapping> mappingsOf(Network network) {
        Resource own = network.eResource();
        Set<Mapping> found = new LinkedHashSet<>();
        if (own == null) {
            return List.of();
        }
        for (EObject o : own.getContents().isEmpty() ? List.<EObject>of() : own.getContents().get(0).eContents()) {
            if (o instanceof Mapping m && maps(m, network)) {
                found.add(m);
            }
        }
        ResourceSet set = own.getResourceSet();
        if (set != null) {
            found.addAll(fromOtherFiles(network, own, set));
        }
        return List.copyOf(found);
    }

    /** The mappings of {@link #mappingsOf}, compiled (memoised by {@link CimSemantics}). */
    public List<Mapped> compiledMappingsOf(Network network) {
        List<Mapped> out = new ArrayList<>();
        for (Mapping m : mappingsOf(network)) {
            out.add(new Mapped(m, semantics.compile(m)));
        }
        return out;
    }

    /** The mapping an at-a-glance view should show: the first of {@link #compiledMappingsOf}, or null. */
    public Mapped primaryMappingOf(Network network) {
        List<Mapping> all = mappingsOf(network);
        return all.isEmpty() ? null : new Mapped(all.get(0), semantics.compile(all.get(0)));
    }

    private List<Mapping> fromOtherFiles(Network network, Resource own, ResourceSet set) {
        URI target = EcoreUtil.getURI(network);
        IResourceDescriptions index = indexProvider.getResourceDescriptions(set);
        List<URI> sources = new ArrayList<>();
        for (IResourceDescription d : index.getAllResourceDescriptions()) {
            if (d.getURI().equals(own.getURI())) {
                continue;
            }
            for (IReferenceDescription r : d.getReferenceDescriptions()) {
                if (r.getEReference() == CimPackage.Literals.MAPPING__NETWORK && target.equals(r.getTargetEObjectUri())) {
                    sources.add(r.getSourceEObjectUri());
                }
            }
        }
        sources.sort(Comparator.comparing(URI::toString));
        List<Mapping> out = new ArrayList<>();
        for (URI source : sources) {
            // the index names objects by their place in the file: after an edit, that place may hold another kind
            if (set.getEObject(source, true) instanceof Mapping m && maps(m, network)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Whether {@code m} maps {@code network}. Not {@code m.getNetwork()}: a reference into a file that
     * was edited since is a proxy naming a place in that file, and when a chip now stands there, the
     * generated getter's cast to Network throws.
     */
    private static boolean maps(Mapping m, Network network) {
        Object target = m.eGet(CimPackage.Literals.MAPPING__NETWORK, false);
        if (target instanceof EObject o && o.eIsProxy()) {
            target = EcoreUtil.resolve(o, m);
        }
        return target == network;
    }
}
