package org.cimlang.compiler.ir;

/**
 * {@code layer c1 weights int8} or {@code layers fc* activations uint4}: a name or a glob pattern
 * ({@code *} and {@code ?}) and what it changes. Either spec may be null.
 */
public record QuantOverride(String pattern, QuantSpec weights, QuantSpec activations, Object origin) {
}
