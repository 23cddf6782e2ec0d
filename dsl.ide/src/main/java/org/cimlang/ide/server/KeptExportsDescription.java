package org.cimlang.ide.server;

import java.lang.ref.WeakReference;
import java.util.List;

import org.cimlang.resource.CimResource;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.AbstractResourceDescription;
import org.eclipse.xtext.resource.persistence.SerializableEObjectDescription;
import org.eclipse.xtext.resource.persistence.SerializableResourceDescription;

/**
 * The index's copy of a file's description, which remembers the resource and the names version
 * ({@link CimResource#namesVersion()}) it was made at: while both hold, the file exports the same names at
 * the same URIs, so the next copy keeps this one's exported objects instead of copying 70,000 of them
 * again, and the index's delta finds them unchanged one by one by identity. The remembered resource is
 * weakly held (the index outlives a closed file's resource) and never serialised.
 */
public class KeptExportsDescription extends SerializableResourceDescription {
    private static final long serialVersionUID = 1L;

    private transient WeakReference<CimResource> resource;
    private transient long namesVersion;

    /** For deserialisation: a description read back keeps nothing. */
    public KeptExportsDescription() {
    }

    /**
     * A copy of {@code description} of {@code of}; with {@code earlier} (a copy of the same file that exports
     * what it does now) its exported objects are {@code earlier}'s.
     */
    static KeptExportsDescription of(CimResource of, IResourceDescription description, KeptExportsDescription earlier) {
        long namesAt = of.namesVersion(); // before anything below can start another version
        SerializableResourceDescription copy = SerializableResourceDescription.createCopy(
                earlier == null ? description : new WithoutExports(description));
        KeptExportsDescription kept = new KeptExportsDescription();
        kept.setURI(copy.getURI());
        kept.setDescriptions(earlier == null ? copy.getDescriptions() : earlier.getDescriptions());
        kept.setReferences(copy.getReferences());
        kept.setImportedNames(List.copyOf(copy.getImportedNames() instanceof List<QualifiedName> names ? names
                : com.google.common.collect.Lists.newArrayList(copy.getImportedNames())));
        kept.resource = new WeakReference<>(of);
        kept.namesVersion = namesAt;
        return kept;
    }

    /** Whether {@code now} is the resource this was copied from and still exports what it did then. */
    boolean exportsAsNow(Resource now) {
        // exportedNames(): the resource keeps names only while it hears of every change of its model
        return now instanceof CimResource cim && resource != null && resource.get() == cim
                && cim.namesVersion() == namesVersion && cim.exportedNames() != null && cim.getURI().equals(getURI());
    }

    /** A description's references and imported names, and no exported objects (those are kept). */
    private static final class WithoutExports extends AbstractResourceDescription {
        private final IResourceDescription of;

        WithoutExports(IResourceDescription of) {
            this.of = of;
        }

        @Override
        protected List<IEObjectDescription> computeExportedObjects() {
            return List.of();
        }

        @Override
        public Iterable<QualifiedName> getImportedNames() {
            return of.getImportedNames();
        }

        @Override
        public Iterable<IReferenceDescription> getReferenceDescriptions() {
            return of.getReferenceDescriptions();
        }

        @Override
        public org.eclipse.emf.common.util.URI getURI() {
            return of.getURI();
        }
    }

    /** For the tests: the kept objects, as the index sees them. */
    List<SerializableEObjectDescription> exported() {
        return getDescriptions();
    }
}
