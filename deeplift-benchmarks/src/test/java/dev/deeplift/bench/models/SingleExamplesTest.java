package dev.deeplift.bench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A client's single examples are the rows of its seed's batch, handed out round-robin, and differ by seed. */
class SingleExamplesTest {

    @Test
    void examplesAreTheRowsOfTheSeedsBatchInOrderThenRepeat() {
        INDArray batch = BenchmarkModel.CNN.inputs(3, 7);
        INDArray labels = BenchmarkModel.CNN.labels(3, 7);
        SingleExamples examples = SingleExamples.draw(BenchmarkModel.CNN, 3, 7);
        assertEquals(3, examples.size());
        INDArray first = null;
        for (int i = 0; i < 3; i++) {
            INDArray x = examples.advance().input();
            assertArrayEquals(BenchmarkModel.CNN.inputShape(1), x.shape());
            assertEquals(batch.get(NDArrayIndex.interval(i, i + 1)), x, "row " + i);
            assertEquals(labels.get(NDArrayIndex.interval(i, i + 1)), examples.label(), "label " + i);
            assertEquals(x.length(), x.data().length(), "a detached copy, not a view of the batch");
            first = i == 0 ? x : first;
        }
        assertSame(first, examples.advance().input(), "after the last example, the first again");
    }

    @Test
    void differentSeedsGiveDifferentExamples() {
        INDArray a = SingleExamples.draw(BenchmarkModel.MLP, 2, 42).advance().input();
        INDArray b = SingleExamples.draw(BenchmarkModel.MLP, 2, 1042).advance().input();
        assertNotSame(a, b);
        assertNotEquals(a, b);
        assertEquals(a, SingleExamples.draw(BenchmarkModel.MLP, 2, 42).advance().input(), "same seed, same rows");
    }

    @Test
    void readingBeforeTheFirstAdvanceIsRefused() {
        SingleExamples examples = SingleExamples.draw(BenchmarkModel.MLP, 1, 1);
        assertThrows(IllegalStateException.class, examples::input);
        assertThrows(IllegalArgumentException.class, () -> SingleExamples.draw(BenchmarkModel.MLP, 0, 1));
    }
}
