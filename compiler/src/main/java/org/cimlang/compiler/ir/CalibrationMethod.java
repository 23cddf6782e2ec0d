package org.cimlang.compiler.ir;

public enum CalibrationMethod {
    MINMAX, PERCENTILE, MSE
}
