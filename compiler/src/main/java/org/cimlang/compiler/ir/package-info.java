/**
 * The compiler's input: a plain-Java, immutable description of chips, networks, quantisation and
 * mappings, independent of Xtext. The DSL's semantic layer builds it from the EMF model; every
 * stage after that (shape inference, quantisation, mapping, schedule, cost, simulation) reads only
 * these types.
 *
 * <p>Every element carries an opaque {@code origin}: the DSL passes the EMF object it came from, so
 * that a diagnostic raised deep in the mapping engine lands on the exact place in the editor. The
 * compiler never looks inside an origin.
 *
 * <p>Units: times in seconds, energies in joules, frequencies in hertz, sizes in bytes, lengths in
 * nanometres (node). Counts and sizes are {@code long}.
 */
package org.cimlang.compiler.ir;
