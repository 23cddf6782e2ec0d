package org.cimlang.compiler.ir;

/**
 * How an ADC is built. The cost model prices each differently (docs/cost-model.md): a flash converter
 * compares against every level at once (fast, 2^B comparators), a SAR searches one bit per cycle (small,
 * B cycles), a multi-level sense amplifier (NeuroSim's MLSA) is a flash whose references are column
 * replicas, sized for the array's pitch.
 */
public enum AdcArchitecture {
    SAR, FLASH, MLSA
}
