package org.cimlang;

import org.cimlang.linking.CimLinkingDiagnosticMessageProvider;
import org.cimlang.scoping.CimImportedNamespaceAwareLocalScopeProvider;
import org.cimlang.validation.CimNamesAreUniqueValidationHelper;
import org.cimlang.validation.CimSyntaxErrorMessageProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.linking.ILinkingDiagnosticMessageProvider;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider;
import org.eclipse.xtext.validation.INamesAreUniqueValidationHelper;

import com.google.inject.Binder;
import com.google.inject.name.Names;

/** Guice bindings of the language's runtime services. */
public class CimRuntimeModule extends AbstractCimRuntimeModule {

    public Class<? extends ILinkingDiagnosticMessageProvider> bindILinkingDiagnosticMessageProvider() {
        return CimLinkingDiagnosticMessageProvider.class;
    }

    /** Namespace imports as Xtext does them, plus {@code import "file.cim"}. */
    @Override
    public void configureIScopeProviderDelegate(Binder binder) {
        binder.bind(IScopeProvider.class).annotatedWith(Names.named(AbstractDeclarativeScopeProvider.NAMED_DELEGATE))
                .to(CimImportedNamespaceAwareLocalScopeProvider.class);
    }

    /** Duplicate names within a file get our code and a message naming the lines. */
    public Class<? extends INamesAreUniqueValidationHelper> bindINamesAreUniqueValidationHelper() {
        return CimNamesAreUniqueValidationHelper.class;
    }

    /** A misspelt keyword is named as such, with the keyword it probably is. */
    public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
        return CimSyntaxErrorMessageProvider.class;
    }

    @Override
    public Class<? extends org.eclipse.xtext.conversion.IValueConverterService> bindIValueConverterService() {
        return org.cimlang.conversion.CimValueConverters.class;
    }

    /** Diagnostics per file capped and oversized files refused, for the command line and the editor alike. */
    /** A file beyond the checked size is not parsed (BoundedCimParser): its cost stays bounded. */
    @Override
    public Class<? extends org.eclipse.xtext.parser.IParser> bindIParser() {
        return org.cimlang.parser.BoundedCimParser.class;
    }

    /**
     * EMF's structural checks of every object (bounds, resolvable proxies, unique IDs) repeat what the parser,
     * the linker and our checks report with better words; on a network of 70,000 layers they were a twentieth of
     * each edit's time.
     */
    public void configureUseEObjectValidator(Binder binder) {
        binder.bind(Boolean.TYPE).annotatedWith(Names.named(
                org.eclipse.xtext.validation.CompositeEValidator.USE_EOBJECT_VALIDATOR)).toInstance(false);
    }

    /** After an edit in place, only the references it can have changed are linked again (CimLinker). */
    @Override
    public Class<? extends org.eclipse.xtext.linking.ILinker> bindILinker() {
        return org.cimlang.linking.CimLinker.class;
    }

    /** Fragments of large files without a quadratic search (CimResource). */
    @Override
    public Class<? extends org.eclipse.xtext.resource.XtextResource> bindXtextResource() {
        return org.cimlang.resource.CimResource.class;
    }

    /** Xtext's partial parser, widening an edit to tokens from the text around it (CimPartialParsingHelper). */
    @Override
    public Class<? extends org.eclipse.xtext.parser.antlr.IPartialParsingHelper> bindIPartialParserHelper() {
        return org.cimlang.parser.CimPartialParsingHelper.class;
    }

    /** Keeps an edit the partial parser widened already as it is (CimTokenRegionProvider). */
    public Class<? extends org.eclipse.xtext.parser.impl.TokenRegionProvider> bindTokenRegionProvider() {
        return org.cimlang.parser.CimTokenRegionProvider.class;
    }

    /** A file's references to other files, without visiting the layer inputs that never are. */
    public Class<? extends org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy>
            bindIDefaultResourceDescriptionStrategy() {
        return org.cimlang.resource.CimResourceDescriptionStrategy.class;
    }

    /** After an edit in place that kept every name at its place, a file exports the names it did before. */
    public Class<? extends org.eclipse.xtext.resource.IResourceDescription.Manager>
            bindIResourceDescription$Manager() {
        return org.cimlang.resource.CimResourceDescriptionManager.class;
    }

    public Class<? extends org.eclipse.xtext.validation.IResourceValidator> bindIResourceValidator() {
        return org.cimlang.validation.BoundedResourceValidator.class;
    }

    /**
     * Only {@code /** ... *}{@code /} documents the declaration after it, as docs/language.md says: Xtext's
     * default start tag also takes a plain block comment, so a file's licence header became the first
     * chip's documentation.
     */
    public void configureDocumentationStartTag(Binder binder) {
        binder.bind(String.class).annotatedWith(Names.named(
                org.eclipse.xtext.documentation.impl.AbstractMultiLineCommentProvider.START_TAG)).toInstance("/\\*\\*");
    }
}
