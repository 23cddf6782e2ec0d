package org.cimlang.ide.rename;

import org.cimlang.cim.Import;
import org.cimlang.cim.Model;
import org.eclipse.xtext.ide.serializer.hooks.IReferenceUpdaterContext;
import org.eclipse.xtext.ide.serializer.impl.EObjectDescriptionDeltaProvider;
import org.eclipse.xtext.ide.serializer.impl.ReferenceUpdater;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.resource.IEObjectDescription;

import com.google.inject.Inject;

/**
 * Xtext's reference updating plus the imports: {@code import nets.Net} names a declaration by a string,
 * not a reference, so a rename would leave it behind (an error) and spell every reference out in full.
 * The imports that name a renamed declaration are renamed first, so the references keep their short
 * names.
 */
public class CimReferenceUpdater extends ReferenceUpdater {

    @Inject
    private IQualifiedNameConverter names;

    @Override
    public void update(IReferenceUpdaterContext context) {
        if (!context.getResource().getContents().isEmpty()
                && context.getResource().getContents().get(0) instanceof Model model) {
            for (EObjectDescriptionDeltaProvider.Delta delta : context.getEObjectDescriptionDeltas().getDeltas()) {
                if (delta.hasQualifiedNameChanged() && delta.getSnapshot() != null) {
                    renameImports(context, model, delta);
                }
            }
        }
        super.update(context);
    }

    private void renameImports(IReferenceUpdaterContext context, Model model, EObjectDescriptionDeltaProvider.Delta delta) {
        for (IEObjectDescription before : delta.getSnapshot().getDescriptions()) {
            String oldName = names.toString(before.getQualifiedName());
            for (IEObjectDescription after : delta.getDescriptions()) {
                String newName = names.toString(after.getQualifiedName());
                for (Import imp : model.getImports()) {
                    if (oldName.equals(imp.getImportedNamespace())) {
                        context.modifyModel(() -> imp.setImportedNamespace(newName));
                    }
                }
            }
        }
    }
}
