package dev.deeplift.dl4j.recurrent;

/** Elementwise activations as ND4J evaluates them in double precision (test oracle; no DL4J code). */
enum Act {
    IDENTITY, SIGMOID, TANH, HARDSIGMOID, SOFTSIGN, RELU;

    /** ND4J's hard sigmoid slope: the float literal 0.2f widened to double, even for DOUBLE data. */
    static final double HARD_SIGMOID_SLOPE = (double) 0.2f;

    double apply(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case HARDSIGMOID -> Math.min(1.0, Math.max(0.0, HARD_SIGMOID_SLOPE * x + 0.5));
            case SOFTSIGN -> x / (1.0 + Math.abs(x));
            case RELU -> Math.max(0.0, x);
        };
    }
}
