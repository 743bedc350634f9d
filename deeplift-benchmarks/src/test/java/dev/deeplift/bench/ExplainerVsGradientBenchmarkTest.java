package dev.deeplift.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.deeplift.bench.models.BenchmarkModel;
import dev.deeplift.core.Attribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every benchmark method runs once on every model at batch 1 (a check that they work, not a measurement). */
class ExplainerVsGradientBenchmarkTest {

    @ParameterizedTest
    @EnumSource(BenchmarkModel.class)
    void everyBenchmarkMethodReturnsItsResult(BenchmarkModel model) {
        ExplainerVsGradientBenchmark b = new ExplainerVsGradientBenchmark();
        b.model = model;
        b.batch = 1;
        b.setUp();
        assertArrayEquals(new long[] {1, model.outputs()}, b.dl4jOutput().shape());
        assertArrayEquals(model.inputShape(1), b.dl4jCalculateGradients().getSecond().shape());
        assertNotNull(b.dl4jComputeGradientAndScore());
        for (Attribution a : new Attribution[] {b.rescale(), b.rescalePerExampleReference(), b.revealCancel(),
            b.integratedGradients50()}) {
            assertArrayEquals(model.inputShape(1), a.scores().shape());
        }
    }
}
