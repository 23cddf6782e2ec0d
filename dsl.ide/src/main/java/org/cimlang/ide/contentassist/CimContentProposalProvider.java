package org.cimlang.ide.contentassist;

import java.util.List;

import org.cimlang.cim.Quantity;
import org.cimlang.cim.VaryDecl;
import org.cimlang.compiler.sweep.SweepObjective;
import org.cimlang.compiler.sweep.SweepParameter;
import org.cimlang.semantic.Dimension;
import org.cimlang.semantic.QuantityDimensions;
import org.cimlang.services.CimGrammarAccess;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;

import com.google.inject.Inject;

/**
 * Xtext's proposals (keywords, names in scope) plus what the grammar cannot say: the units a number
 * takes where it is written ({@code clock 1.2 } offers Hz, kHz, MHz, GHz) and the number types of a
 * quantisation line, the parameters a sweep can vary and its objectives.
 */
public class CimContentProposalProvider extends IdeContentProposalProvider {

    /** The types offered after {@code weights} / {@code activations}; any intB or uintB with B in 1..16 is valid. */
    static final List<String> NUMBER_TYPES = List.of("int8", "int4", "int2", "int16", "uint8", "uint4", "uint2",
            "uint16", "binary");

    @Inject
    private CimGrammarAccess grammar;

    @Override
    protected void _createProposals(Assignment assignment, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        if (assignment == grammar.getQuantityAccess().getUnitAssignment_1()) {
            if (context.getCurrentModel() instanceof Quantity q) {
                Dimension d = QuantityDimensions.of(q);
                if (d.requiresUnit()) {
                    for (String unit : d.acceptedUnits().split(", ")) {
                        propose(unit, "unit of " + d.description().replaceFirst("^an? ", ""), context, acceptor);
                    }
                }
            }
            return;
        }
        if (assignment == grammar.getQuantSpecAccess().getTypeAssignment_0()) {
            for (String type : NUMBER_TYPES) {
                propose(type, "number type", context, acceptor);
            }
            return;
        }
        if (assignment == grammar.getVaryDeclAccess().getBlockAssignment_1()) {
            for (SweepParameter p : SweepParameter.values()) {
                propose(p.path(), "sweep parameter: " + p.description(), context, acceptor);
            }
            return;
        }
        if (assignment == grammar.getVaryDeclAccess().getWordsAssignment_3()) {
            String block = context.getCurrentModel() instanceof VaryDecl v && v.getBlock() != null ? v.getBlock()
                    : null;
            for (SweepParameter p : SweepParameter.values()) {
                if (block == null || p.path().startsWith(block + ".")) {
                    propose(p.path().substring(p.path().indexOf('.') + 1), "sweep parameter: " + p.description(),
                            context, acceptor);
                }
            }
            return;
        }
        if (assignment == grammar.getObjectivesDeclAccess().getObjectivesAssignment_1()
                || assignment == grammar.getObjectivesDeclAccess().getObjectivesAssignment_2_1()) {
            for (SweepObjective o : SweepObjective.values()) {
                propose(o.word(), (o.minimise() ? "minimise " : "maximise ") + o.figure(), context, acceptor);
            }
            return;
        }
        super._createProposals(assignment, context, acceptor);
    }

    private void propose(String text, String description, ContentAssistContext context,
            IIdeContentProposalAcceptor acceptor) {
        ContentAssistEntry entry = getProposalCreator().createProposal(text, context, e -> {
            e.setKind(ContentAssistEntry.KIND_VALUE);
            e.setDescription(description);
        });
        if (entry != null) {
            acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
        }
    }
}
