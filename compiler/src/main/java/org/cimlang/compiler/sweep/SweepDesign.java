package org.cimlang.compiler.sweep;

import org.cimlang.compiler.ir.Design;

/** A sweep and the design it varies: its mapping, what that refers to and, if any, its simulation. */
public record SweepDesign(Design design, SweepSpec spec) {
}
