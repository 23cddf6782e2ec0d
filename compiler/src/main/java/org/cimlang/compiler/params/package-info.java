/**
 * The parameter tensors a network's layers need, with PyTorch's names and layouts ({@link
 * org.cimlang.compiler.params.ParameterCheck}), and whether a parameter set provides them. Here, next
 * to the shape analysis it is derived from, so that the simulator (which runs with the parameters)
 * and the editor (which checks a weights file live) apply one rule.
 */
package org.cimlang.compiler.params;
