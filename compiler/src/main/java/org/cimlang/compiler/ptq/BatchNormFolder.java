package org.cimlang.compiler.ptq;

/**
 * Folds an inference-mode batchnorm {@code y = gamma (x - mean) / sqrt(var + eps) + beta} into the
 * preceding dense or conv layer, before quantisation, so the crossbar holds one weight tensor:
 * {@code w'[n, ...] = w[n, ...] * a[n]}, {@code b'[n] = (b[n] - mean[n]) * a[n] + beta[n]} with
 * {@code a = gamma / sqrt(var + eps)}. Axis 0 of the weight is the output channel (PyTorch layout).
 *
 * @param weight folded weight, same shape as the input weight
 * @param bias   folded bias, one per output channel
 */
public record BatchNormFolder(float[] weight, float[] bias) {

    public BatchNormFolder {
        weight = weight.clone();
        bias = bias.clone();
    }

    @Override
    public float[] weight() {
        return weight.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    /**
     * @param bias may be null (a layer without bias)
     * @param eps  PyTorch's default is 1e-5
     */
    public static BatchNormFolder fold(float[] weight, int[] shape, float[] bias, float[] gamma, float[] beta,
            float[] mean, float[] var, double eps) {
        int size = Tensors.channelSize(weight.length, shape, "weight tensor");
        int channels = shape[0];
        check("gamma", gamma, channels);
        check("beta", beta, channels);
        check("running_mean", mean, channels);
        check("running_var", var, channels);
        if (bias != null) {
            check("bias", bias, channels);
        }
        float[] w = new float[weight.length];
        float[] b = new float[channels];
        for (int n = 0; n < channels; n++) {
            if (!(var[n] + eps > 0)) {
                throw new IllegalArgumentException("batchnorm running_var[" + n + "] = " + var[n]
                        + " with eps " + eps + " is not positive");
            }
            double a = gamma[n] / Math.sqrt(var[n] + eps);
            for (int i = n * size, end = i + size; i < end; i++) {
                w[i] = (float) (weight[i] * a);
            }
            b[n] = (float) (((bias == null ? 0 : bias[n]) - mean[n]) * a + beta[n]);
        }
        return new BatchNormFolder(w, b);
    }

    private static void check(String what, float[] v, int channels) {
        if (v == null || v.length != channels) {
            throw new IllegalArgumentException("batchnorm " + what + " needs " + channels + " values (one per output channel), found "
                    + (v == null ? "none" : v.length));
        }
    }
}
