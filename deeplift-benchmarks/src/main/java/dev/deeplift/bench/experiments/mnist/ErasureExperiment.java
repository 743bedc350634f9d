package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.core.Explainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The measurement of the paper's Figure 4. For images of an original class {@code o} and each target class
 * {@code t}, and for each method:
 *
 * <ol>
 *   <li>score every pixel for the logit of {@code o} ({@code S_o}) and of {@code t} ({@code S_t}), relative to the
 *       all-zero reference;</li>
 *   <li>erase pixels by {@code S_o − S_t} with {@link PixelErasure} (at most 157, only positive differences);</li>
 *   <li>record {@code (z_t − z_o)(erased) − (z_t − z_o)(original)} from the logits ({@link LogOdds}).</li>
 * </ol>
 *
 * <p>Images go through in batches; per batch each method is asked twice, with per-example targets: once for
 * {@code o} over the batch, once for every target over the batch repeated once per target (targets
 * {@code t1 … t1, t2 … t2}).
 */
public final class ErasureExperiment {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureExperiment.class);
    /** The paper's original class. */
    public static final int PAPER_ORIGINAL_CLASS = 8;
    /** The paper's target classes. */
    public static final List<Integer> PAPER_TARGETS = List.of(3, 6);

    private final int originalClass;
    private final List<Integer> targets;
    private final PixelErasure erasure;
    private final int batchSize;
    private final int example;

    private ErasureExperiment(int originalClass, List<Integer> targets, PixelErasure erasure, int batchSize,
                              int example) {
        if (targets.isEmpty() || targets.contains(originalClass)) {
            throw new IllegalArgumentException("Give at least one target class other than the original class "
                    + originalClass + "; got " + targets);
        }
        if (batchSize < 1 || example < 0) {
            throw new IllegalArgumentException("batchSize must be at least 1 and example not negative; got "
                    + batchSize + ", " + example);
        }
        this.originalClass = originalClass;
        this.targets = List.copyOf(targets);
        this.erasure = erasure;
        this.batchSize = batchSize;
        this.example = example;
    }

    /** The paper's setting: 8 to 3 and 8 to 6, up to 157 pixels, in batches of 100 images; example 0 drawn. */
    public static ErasureExperiment paper() {
        return of(PAPER_ORIGINAL_CLASS, PAPER_TARGETS, PixelErasure.paper(), 100);
    }

    /** Any original class, targets, erasure and batch size. */
    public static ErasureExperiment of(int originalClass, List<Integer> targets, PixelErasure erasure, int batchSize) {
        return new ErasureExperiment(originalClass, targets, erasure, batchSize, 0);
    }

    /** The same experiment keeping the scores of image {@code index} for drawing (default 0). */
    public ErasureExperiment withExample(int index) {
        return new ErasureExperiment(originalClass, targets, erasure, batchSize, index);
    }

    /**
     * Runs every method over every image.
     *
     * @param net     a softmax classifier whose last layer is a dense OutputLayer
     * @param images  {@code [N, ...]} images of the original class, N at least 1
     * @param methods the methods, each over {@code net}
     */
    public Figure4Result run(MultiLayerNetwork net, INDArray images, List<AttributionMethod> methods) {
        int n = (int) images.size(0);
        if (n < 1 || example >= n) {
            throw new IllegalArgumentException("Need at least one image and the drawn example " + example
                    + " among them; got " + n + " images");
        }
        long[] refShape = images.shape().clone();
        refShape[0] = 1;
        INDArray reference = Nd4j.zeros(images.dataType(), refShape);
        Map<Integer, double[]> before = new LinkedHashMap<>();
        INDArray logits = logitsInBatches(net, images);
        for (int t : targets) {
            before.put(t, LogOdds.of(logits, t, originalClass));
        }
        List<MethodOutcome> outcomes = new ArrayList<>();
        Map<String, INDArray> exampleDifferences = new LinkedHashMap<>();
        for (AttributionMethod method : methods) {
            long start = System.nanoTime();
            double[][] after = new double[targets.size()][n];
            int[][] erased = new int[targets.size()][n];
            for (int from = 0; from < n; from += batchSize) {
                int to = Math.min(n, from + batchSize);
                INDArray batch = images.get(NDArrayIndex.interval(from, to));
                List<INDArray> differences = differences(method.explainer(), batch, reference);
                for (int k = 0; k < targets.size(); k++) {
                    PixelErasure.Erased e = erasure.erase(batch, differences.get(k));
                    double[] odds = LogOdds.of(LogOdds.logits(net, e.images()), targets.get(k), originalClass);
                    System.arraycopy(odds, 0, after[k], from, to - from);
                    System.arraycopy(e.erasedPixels(), 0, erased[k], from, to - from);
                }
                if (example >= from && example < to) {
                    exampleDifferences.put(method.name(),
                            differences.get(0).get(NDArrayIndex.interval(example - from, example - from + 1)).dup());
                }
            }
            for (int k = 0; k < targets.size(); k++) {
                int t = targets.get(k);
                outcomes.add(new MethodOutcome(method.name(), t, LogOdds.increase(before.get(t), after[k]),
                        erased[k]));
            }
            LOG.info("{}: {} images in {} s", method.name(), n, Math.round((System.nanoTime() - start) / 1e8) / 10.0);
        }
        INDArray exampleImage = images.get(NDArrayIndex.interval(example, example + 1)).dup();
        return new Figure4Result(originalClass, targets, methods.stream().map(AttributionMethod::name).toList(),
                outcomes, exampleImage, exampleDifferences);
    }

    /** Per target, {@code S_o − S_t} of the batch, from two calls of the explainer. */
    private List<INDArray> differences(Explainer explainer, INDArray batch, INDArray reference) {
        int b = (int) batch.size(0);
        int[] toOriginal = new int[b];
        Arrays.fill(toOriginal, originalClass);
        INDArray original = explainer.explain(batch, reference, toOriginal).scores();
        INDArray[] copies = new INDArray[targets.size()];
        int[] toTargets = new int[b * targets.size()];
        for (int k = 0; k < targets.size(); k++) {
            copies[k] = batch;
            Arrays.fill(toTargets, k * b, (k + 1) * b, targets.get(k));
        }
        INDArray repeated = copies.length == 1 ? batch : Nd4j.concat(0, copies);
        INDArray target = explainer.explain(repeated, reference, toTargets).scores();
        List<INDArray> out = new ArrayList<>();
        for (int k = 0; k < targets.size(); k++) {
            out.add(original.sub(target.get(NDArrayIndex.interval((long) k * b, (long) (k + 1) * b))));
        }
        return out;
    }

    private INDArray logitsInBatches(MultiLayerNetwork net, INDArray images) {
        int n = (int) images.size(0);
        List<INDArray> parts = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            parts.add(LogOdds.logits(net, images.get(NDArrayIndex.interval(from, Math.min(n, from + batchSize)))));
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }
}
