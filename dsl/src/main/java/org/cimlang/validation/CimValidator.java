package org.cimlang.validation;

import org.eclipse.xtext.validation.ComposedChecks;

/**
 * The front end's checks, composed by concept: units, number ranges, which parameters apply where,
 * required links. The checks that need shapes or mapping math are delegated to the compiler (see
 * {@link CompilerDiagnosticsValidator}, composed by the generated {@link AbstractCimValidator}); no formula
 * is repeated here.
 */
@ComposedChecks(validators = {ImportChecks.class, NumberChecks.class, ChipChecks.class, NetworkChecks.class,
    QuantizationChecks.class, MappingChecks.class, SimulationChecks.class, SweepChecks.class, RecoveredWordChecks.class})
public class CimValidator extends AbstractCimValidator {
}
