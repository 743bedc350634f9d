package dev.deeplift.bench.report;

import java.util.Map;

/**
 * One benchmark result of a JMH run: one method at one setting of its parameters.
 *
 * @param benchmarkClass        the benchmark's class, fully qualified
 * @param method                the benchmark method, e.g. {@code rescale}
 * @param params                the {@code @Param} values, e.g. {@code model=MLP, batch=32}, in JMH's order
 * @param millisPerOp           the primary score as milliseconds per operation
 * @param allocatedBytesPerOp   {@code ·gc.alloc.rate.norm} (Java heap bytes per operation) if the gc profiler ran,
 *                              else {@code NaN}
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, double millisPerOp,
                        double allocatedBytesPerOp) {

    /** True if the gc profiler's allocation per operation was recorded. */
    public boolean hasAllocation() {
        return !Double.isNaN(allocatedBytesPerOp);
    }
}
