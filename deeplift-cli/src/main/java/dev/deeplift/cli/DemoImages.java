package dev.deeplift.cli;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The demo's synthetic task, whose answer is known: 8x8 grey images {@code [N, 1, 8, 8]} of faint noise in
 * {@code [0, 0.3)} with one bright 2x2 patch (value 1); the class is the quadrant the patch lies in (0 top left,
 * 1 top right, 2 bottom left, 3 bottom right). A good explanation puts its largest scores on the patch.
 *
 * @param images {@code [N, 1, 8, 8]}, FLOAT
 * @param labels the class of each image
 * @param rows   the top row of each image's patch
 * @param cols   the left column of each image's patch
 */
record DemoImages(INDArray images, int[] labels, int[] rows, int[] cols) {
    /** Image side in pixels. */
    static final int SIZE = 8;
    /** Patch side in pixels. */
    static final int PATCH = 2;
    /** Classes: one per quadrant. */
    static final int CLASSES = 4;
    private static final double NOISE = 0.3;

    /** {@code n} images; image {@code i} has class {@code i % 4}, so every class is equally common. */
    static DemoImages generate(int n, long seed) {
        Random random = new Random(seed);
        float[][][][] pixels = new float[n][1][SIZE][SIZE];
        int[] labels = new int[n];
        int[] rows = new int[n];
        int[] cols = new int[n];
        int half = SIZE / 2;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < SIZE; r++) {
                for (int c = 0; c < SIZE; c++) {
                    pixels[i][0][r][c] = (float) (NOISE * random.nextDouble());
                }
            }
            labels[i] = i % CLASSES;
            rows[i] = (labels[i] / 2) * half + random.nextInt(half - PATCH + 1);
            cols[i] = (labels[i] % 2) * half + random.nextInt(half - PATCH + 1);
            for (int r = 0; r < PATCH; r++) {
                for (int c = 0; c < PATCH; c++) {
                    pixels[i][0][rows[i] + r][cols[i] + c] = 1f;
                }
            }
        }
        return new DemoImages(Nd4j.createFromArray(pixels), labels, rows, cols);
    }

    /** One-hot labels {@code [N, 4]}. */
    INDArray oneHotLabels() {
        INDArray y = Nd4j.zeros(images.dataType(), labels.length, CLASSES);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    /** True if pixel ({@code row}, {@code col}) lies in image {@code i}'s patch. */
    boolean inPatch(int i, int row, int col) {
        return row >= rows[i] && row < rows[i] + PATCH && col >= cols[i] && col < cols[i] + PATCH;
    }
}
