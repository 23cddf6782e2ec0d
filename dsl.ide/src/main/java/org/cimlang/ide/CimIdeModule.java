package org.cimlang.ide;

import org.cimlang.ide.codeactions.CimCodeActionService;
import org.cimlang.ide.commands.CimRequests;
import org.cimlang.ide.contentassist.CimContentAssistService;
import org.cimlang.ide.contentassist.CimContentProposalProvider;
import org.cimlang.ide.formatting.CimFormatter;
import org.cimlang.ide.hover.CimHoverService;
import org.cimlang.ide.lens.CimCodeLensService;
import org.cimlang.ide.symbols.CimDocumentSymbolService;
import org.cimlang.ide.symbols.CimSymbolKinds;
import org.cimlang.ide.navigation.CimEObjectAtOffsetHelper;
import org.cimlang.ide.rename.CimReferenceUpdater;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.serializer.hooks.IReferenceUpdater;
import org.eclipse.xtext.ide.server.ILanguageServerExtension;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.ide.server.codelens.ICodeLensService;
import org.eclipse.xtext.ide.server.contentassist.ContentAssistService;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolMapper;
import org.eclipse.xtext.ide.server.symbol.DocumentSymbolService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;

/**
 * Guice bindings of the editor services the server looks up per language. The inlay-hint, semantic
 * token and document link services need no binding (the server asks for their classes); the server-wide bindings are in
 * {@link org.cimlang.ide.server.CimServerModule}.
 */
public class CimIdeModule extends AbstractCimIdeModule {

    public Class<? extends IHoverService> bindIHoverService() {
        return CimHoverService.class;
    }

    public Class<? extends ICodeActionService2> bindICodeActionService2() {
        return CimCodeActionService.class;
    }

    /** Block indentation only, every comment and token kept: see {@link CimFormatter}. */
    public Class<? extends IFormatter2> bindIFormatter2() {
        return CimFormatter.class;
    }

    /** Units after numbers and number types, on top of keywords and names in scope. */
    public Class<? extends IdeContentProposalProvider> bindIdeContentProposalProvider() {
        return CimContentProposalProvider.class;
    }

    /** Xtext's completion, each text position computed once per request. */
    public Class<? extends ContentAssistService> bindContentAssistService() {
        return CimContentAssistService.class;
    }

    /** "Compile · 592 arrays · 4.90 k inf/s" above mappings, "Run" above simulations. */
    public Class<? extends ICodeLensService> bindICodeLensService() {
        return CimCodeLensService.class;
    }

    /** An icon per kind of declaration in the outline and the workspace symbols. */
    public Class<? extends DocumentSymbolMapper.DocumentSymbolKindProvider> bindDocumentSymbolKindProvider() {
        return CimSymbolKinds.class;
    }

    /** The same kinds in the workspace symbols, which Xtext computes apart from the outline. */
    public Class<? extends DocumentSymbolService> bindDocumentSymbolService() {
        return CimDocumentSymbolService.class;
    }

    /** {@code cim/compile} and {@code cim/run}. */
    public Class<? extends ILanguageServerExtension> bindILanguageServerExtension() {
        return CimRequests.class;
    }

    /** Definition, references and highlights answer nothing, instead of failing, where a document holds no element. */
    public Class<? extends EObjectAtOffsetHelper> bindEObjectAtOffsetHelper() {
        return CimEObjectAtOffsetHelper.class;
    }

    /** Renames update {@code import} lines too. */
    public Class<? extends IReferenceUpdater> bindIReferenceUpdater() {
        return CimReferenceUpdater.class;
    }

    /**
     * cimlang generates no files, but Xtext's default ({@code OnlyWithoutErrors}) validates every
     * built resource a second time to decide whether to run the (empty) generator: a sixth of each
     * edit's time in the language server.
     */
    public Class<? extends IShouldGenerate> bindIShouldGenerate() {
        return NoGeneration.class;
    }
}
