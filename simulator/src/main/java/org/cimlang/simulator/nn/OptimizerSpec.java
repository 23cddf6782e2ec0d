package org.cimlang.simulator.nn;

/**
 * The optimiser and its hyper-parameters, with PyTorch's update rules: SGD {@code v = momentum * v + g;
 * w -= lr * v}; Adam with bias correction. {@code weightDecay} adds {@code weightDecay * w} to the
 * gradient of conv2d/dense weights only (not biases, batchnorm or clips).
 */
public record OptimizerSpec(Kind kind, double learningRate, double momentum, double beta1, double beta2,
        double epsilon, double weightDecay) {

    public enum Kind {
        SGD, ADAM
    }

    public OptimizerSpec {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer kind is missing (SGD or ADAM)");
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive, found " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("momentum and betas must be in [0, 1), found " + momentum + ", "
                    + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("epsilon must be positive and weight decay not negative, found "
                    + epsilon + ", " + weightDecay);
        }
    }

    public static OptimizerSpec sgd(double learningRate, double momentum) {
        return new OptimizerSpec(Kind.SGD, learningRate, momentum, 0.9, 0.999, 1e-8, 0);
    }

    /** Adam with PyTorch's defaults: betas 0.9 and 0.999, epsilon 1e-8. */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec(Kind.ADAM, learningRate, 0, 0.9, 0.999, 1e-8, 0);
    }

    public OptimizerSpec withWeightDecay(double decay) {
        return new OptimizerSpec(kind, learningRate, momentum, beta1, beta2, epsilon, decay);
    }
}
