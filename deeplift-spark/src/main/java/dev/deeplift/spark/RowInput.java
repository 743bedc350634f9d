package dev.deeplift.spark;

/**
 * One row's checked values, ready to be batched.
 *
 * @param input     the example, flattened
 * @param reference its own reference, flattened, or null
 * @param target    its own target unit, or -1
 */
record RowInput(double[] input, double[] reference, int target) {
}
