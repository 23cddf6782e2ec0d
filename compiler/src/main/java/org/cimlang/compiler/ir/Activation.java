package org.cimlang.compiler.ir;

public enum Activation {
    NONE, RELU, SIGN, TANH, SIGMOID;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
