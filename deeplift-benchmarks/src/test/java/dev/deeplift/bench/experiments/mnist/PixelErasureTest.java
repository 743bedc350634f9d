package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Ranking and erasure on a hand-made 3 × 3 image. */
class PixelErasureTest {
    //  image            S_orig − S_target     rank of the positive differences
    //  0.1 0.2 0.3       0.5  -1   2            4th   -    2nd
    //  0.4 0.5 0.6       0     3   0.5          -    1st   5th
    //  0.7 0.8 0.9       1    -2   0.5          3rd   -    6th      (equal 0.5s in pixel order: 0, 5, 8)
    private static final float[] IMAGE = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f};
    private static final float[] DIFF = {0.5f, -1f, 2f, 0f, 3f, 0.5f, 1f, -2f, 0.5f};

    @Test
    void ranksPositiveDifferencesLargestFirstTiesInPixelOrder() {
        assertArrayEquals(new int[] {4, 2, 6, 0, 5, 8}, PixelErasure.upTo(157).pixelsToErase(DIFF));
        assertArrayEquals(new int[] {4, 2, 6, 0}, PixelErasure.upTo(4).pixelsToErase(DIFF));
        assertArrayEquals(new int[0], PixelErasure.upTo(0).pixelsToErase(DIFF));
    }

    @Test
    void erasesTheTopPixelsToZeroUpToTheLimit() {
        PixelErasure.Erased e = PixelErasure.upTo(4).erase(image(), diff());
        assertArrayEquals(new float[] {0f, 0.2f, 0f, 0.4f, 0f, 0.6f, 0f, 0.8f, 0.9f},
                e.images().reshape(9).toFloatVector(), 0f);
        assertArrayEquals(new int[] {4}, e.erasedPixels());
    }

    @Test
    void stopsWhenNoPositiveDifferenceRemains() {
        PixelErasure.Erased e = PixelErasure.paper().erase(image(), diff());
        // Only the six positive pixels go although up to 157 may: 0.2, 0.4 (difference 0) and 0.8 stay.
        assertArrayEquals(new float[] {0f, 0.2f, 0f, 0.4f, 0f, 0f, 0f, 0.8f, 0f},
                e.images().reshape(9).toFloatVector(), 0f);
        assertArrayEquals(new int[] {6}, e.erasedPixels());
    }

    @Test
    void erasesEachImageOfABatchByItsOwnRowAndLeavesTheInputAlone() {
        INDArray images = Nd4j.concat(0, image(), image());
        INDArray diffs = Nd4j.concat(0, diff(), diff().neg());
        PixelErasure.Erased e = PixelErasure.upTo(2).erase(images, diffs);
        assertArrayEquals(new long[] {2, 1, 3, 3}, e.images().shape());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0f, 0.4f, 0f, 0.6f, 0.7f, 0.8f, 0.9f},
                e.images().get(NDArrayIndex.point(0)).ravel().toFloatVector(), 0f);
        // Negated differences: the largest are pixel 7 (2) and pixel 1 (1).
        assertArrayEquals(new float[] {0.1f, 0f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0f, 0.9f},
                e.images().get(NDArrayIndex.point(1)).ravel().toFloatVector(), 0f);
        assertArrayEquals(new int[] {2, 2}, e.erasedPixels());
        assertEquals(0.3f, images.getFloat(0, 0, 0, 2), 0f, "the input is not changed");
    }

    private static INDArray image() {
        return Nd4j.create(IMAGE, new long[] {1, 1, 3, 3}, 'c');
    }

    private static INDArray diff() {
        return Nd4j.create(DIFF, new long[] {1, 1, 3, 3}, 'c');
    }
}
