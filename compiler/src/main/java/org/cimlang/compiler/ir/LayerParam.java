package org.cimlang.compiler.ir;

/** A parameter a layer may be written with, by its keyword (docs/language.md, "Layers"). */
public enum LayerParam {
    FILTERS("filters"), UNITS("units"), KERNEL("kernel"), STRIDE("stride"), PADDING("padding"), GROUPS("groups"),
    BIAS("bias"), GLOBAL("global"), CEIL("ceil"), AXIS("axis"), ACTIVATION("activation"), LAST("last"), VOCABULARY("vocabulary"), DIM("dim");

    private final String keyword;

    LayerParam(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
