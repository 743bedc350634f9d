package dev.deeplift.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntPredicate;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Helpers for the picture tests: arrays from literals, and colour classes of pixels. */
final class PlotTesting {
    private PlotTesting() {
    }

    /** Called from each test class's static initialiser, before anything touches AWT: no display is used. */
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** A DOUBLE array of the given shape, values in row-major order. */
    static INDArray array(long[] shape, double... values) {
        return Nd4j.createFromArray(values).reshape(shape);
    }

    static long[] shape(long... dims) {
        return dims;
    }

    static int red(int rgb) {
        return (rgb >> 16) & 0xFF;
    }

    static int green(int rgb) {
        return (rgb >> 8) & 0xFF;
    }

    static int blue(int rgb) {
        return rgb & 0xFF;
    }

    static boolean isWhite(int rgb) {
        return (rgb & 0xFFFFFF) == 0xFFFFFF;
    }

    /** Clearly green: the green channel well above both others (A's letter). */
    static boolean isGreen(int rgb) {
        return green(rgb) > red(rgb) + 60 && green(rgb) > blue(rgb) + 60;
    }

    /** Clearly red: the red channel well above both others (T's letter). */
    static boolean isRed(int rgb) {
        return red(rgb) > green(rgb) + 100 && red(rgb) > blue(rgb) + 100;
    }

    /** Clearly blue (C's letter). */
    static boolean isBlue(int rgb) {
        return blue(rgb) > red(rgb) + 100 && blue(rgb) > green(rgb) + 100;
    }

    /** G's orange: red high, green middling, blue low. */
    static boolean isOrange(int rgb) {
        return red(rgb) > 200 && green(rgb) > 100 && green(rgb) < 200 && blue(rgb) < 60;
    }

    /** Dark, as text is: every channel below 128. */
    static boolean isDark(int rgb) {
        return red(rgb) < 128 && green(rgb) < 128 && blue(rgb) < 128;
    }

    /** Both figures have the same size and every pixel the same colour. */
    static void assertSamePixels(Figure expected, Figure actual) {
        assertEquals(expected.width(), actual.width(), "width");
        assertEquals(expected.height(), actual.height(), "height");
        for (int y = 0; y < expected.height(); y++) {
            for (int x = 0; x < expected.width(); x++) {
                assertEquals(expected.rgb(x, y), actual.rgb(x, y), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    /** Counts pixels of {@code f} in the rectangle [x0, x1) × [y0, y1) for which {@code test} holds. */
    static int count(Figure f, int x0, int y0, int x1, int y1, IntPredicate test) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (test.test(f.rgb(x, y))) {
                    n++;
                }
            }
        }
        return n;
    }
}
