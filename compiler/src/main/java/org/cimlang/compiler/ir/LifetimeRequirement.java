package org.cimlang.compiler.ir;

/** {@code lifetime at least 5 years at 30 fps}. */
public record LifetimeRequirement(double years, double fps, Object origin) {
}
