package org.cimlang.compiler.ir;

/**
 * {@code dataset mnist "data/mnist" split test limit 1000} plus transforms.
 *
 * @param format     mnist | cifar10 | mnist-bundled
 * @param path       folder, resolved against the source file's folder (null for the bundled set)
 * @param split      train | test
 * @param limit      0 = all
 * @param resizeH    0 = no resize (area downscale otherwise)
 * @param resizeW    0 = no resize
 * @param normalizeMean null = none
 * @param normalizeStd  null = none
 * @param inputBits  0 = keep float input (quantised by the activation spec of the input)
 */
public record DatasetSpec(String format, String path, String split, long limit, long resizeH, long resizeW,
        Double normalizeMean, Double normalizeStd, int inputBits, Object origin) {
}
