package org.cimlang.compiler.ir.effects;

final class Checks {
    private Checks() {
    }

    static void fraction(double v, String what) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be finite and non-negative, found " + v);
        }
    }
}
