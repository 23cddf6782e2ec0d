package org.cimlang.ide;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * The language server's answer to "generate code for this resource?": never, since cimlang has no
 * generator (programs are compiled on request by {@code cim/compile}). Saves the second validation
 * Xtext's default runs before generating.
 */
public class NoGeneration implements IShouldGenerate {
    @Override
    public boolean shouldGenerate(Resource resource, CancelIndicator cancelIndicator) {
        return false;
    }
}
