package org.cimlang.compiler.ir;

public enum Technology {
    SRAM, RRAM, PCM, NOR_FLASH, MRAM, FEFET, DRAM;

    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** SRAM and DRAM cells are rewritten freely; the others wear out (DOMAIN.md section 4). */
    public boolean isNonVolatile() {
        return this != SRAM && this != DRAM;
    }
}
