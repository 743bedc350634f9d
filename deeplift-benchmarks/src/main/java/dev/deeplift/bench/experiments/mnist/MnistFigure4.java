package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.plot.Figure;
import dev.deeplift.plot.Plots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Reproduces the DeepLIFT paper's MNIST experiment (Figure 4) end to end and writes its table and figures.
 *
 * <ol>
 *   <li>reads the digits fetched by {@code deeplift-benchmarks/scripts/fetch-mnist.sh} ({@link MnistDigits}) and
 *       splits them ({@link MnistSplit}: per digit, first 80% train, last 20% test);</li>
 *   <li>trains the network chosen by {@code --model} with Adam, or reloads it from the data folder
 *       ({@link MnistCnnTrainer}): {@code maxpool} (default), the benchmark CNN, cached in {@code mnist-cnn.zip};
 *       {@code authors}, the authors' network ({@link AuthorsMnistCnn}), cached in
 *       {@code mnist-authors-cnn.zip}; {@code authors-raw}, the same network fed raw 0–255 grey values as the
 *       authors' was, cached in {@code mnist-authors-raw-cnn.zip};</li>
 *   <li>takes up to {@code --max-images} test images of class 8 and runs {@link ErasureExperiment#paper()} with the
 *       methods of {@link Figure4Methods};</li>
 *   <li>writes to {@code <out>}: {@code figure4.md} (the table), {@code figure4.json} (summaries and every
 *       value), {@code figure4-boxplots.png} (a box plot per target class) and {@code figure4-example.png} (the
 *       first image and each method's {@code S_8 − S_3}).</li>
 * </ol>
 *
 * <p>Usage, from the repository root ({@code scripts/run-mnist-figure4.sh} builds, fetches and runs it):
 * <pre>
 * java -cp ... dev.deeplift.bench.experiments.mnist.MnistFigure4 [--model maxpool|authors|authors-raw]
 *     [--data deeplift-benchmarks/data/mnist] [--out deeplift-benchmarks/out/mnist] [--max-images 1000]
 *     [--epochs 4] [--example 0]
 * </pre>
 *
 * <p>{@code --out} defaults to {@code deeplift-benchmarks/out/mnist} for {@code maxpool} and
 * {@code deeplift-benchmarks/out/mnist-<model>} for the others; {@code --epochs} to the model's
 * {@link MnistModel#defaultEpochs()} (4 for {@code maxpool}, 12 for the authors' network).
 */
public final class MnistFigure4 {
    /** Images of class 8 used at most, as in the paper. */
    public static final int PAPER_MAX_IMAGES = 1000;
    /** Epochs of training of the benchmark CNN when no cached model is found. */
    public static final int DEFAULT_EPOCHS = MnistModel.MAXPOOL.defaultEpochs();

    private MnistFigure4() {
    }

    /** Runs the experiment; see the class comment for the arguments. */
    public static void main(String[] args) {
        Map<String, String> options = options(args);
        MnistModel model = MnistModel.of(options.getOrDefault("model", MnistModel.MAXPOOL.id()));
        Path data = Path.of(options.getOrDefault("data", "deeplift-benchmarks/data/mnist"));
        Path out = Path.of(options.getOrDefault("out", defaultOut(model)));
        int maxImages = Integer.parseInt(options.getOrDefault("max-images", Integer.toString(PAPER_MAX_IMAGES)));
        int epochs = Integer.parseInt(options.getOrDefault("epochs", Integer.toString(model.defaultEpochs())));
        int example = Integer.parseInt(options.getOrDefault("example", "0"));

        MnistSplit split = MnistSplit.of(MnistDigits.load(data.resolve("package"))).scaled(model.inputScale());
        System.out.printf(Locale.ROOT, "Digits: %d train, %d test, grey values in [0, %s]%n", split.train().size(),
                split.test().size(), model.inputScale() == 1 ? "1" : String.format(Locale.ROOT, "%.0f",
                        model.inputScale()));
        TrainedCnn cnn = MnistCnnTrainer.defaults().withModel(model).withEpochs(epochs)
                .trainOrLoad(split, data.resolve(model.modelFile()));
        System.out.printf(Locale.ROOT, "CNN '%s' %s: test accuracy %.4f; training took %.0f s (%d epochs)%n",
                model, cnn.fromCache() ? "loaded from the cache" : "trained", cnn.testAccuracy(), cnn.trainSeconds(),
                cnn.epochs());

        MultiLayerNetwork net = cnn.network();
        MnistDigits eights = split.test().ofClass(ErasureExperiment.PAPER_ORIGINAL_CLASS).first(maxImages);
        long start = System.nanoTime();
        Figure4Result result = ErasureExperiment.paper().withExample(example)
                .run(net, eights.images(), Figure4Methods.of(net));
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("model", model.id());
        run.put("parameters", net.numParams());
        run.put("inputScale", model.inputScale());
        run.put("trainImages", split.train().size());
        run.put("testImages", split.test().size());
        run.put("testAccuracy", cnn.testAccuracy());
        run.put("trainSeconds", cnn.trainSeconds());
        run.put("epochs", cnn.epochs());
        run.put("modelFromCache", cnn.fromCache());
        run.put("maxErasedPixels", PixelErasure.PAPER_MAX_ERASED);
        run.put("experimentSeconds", seconds);
        write(out, result, cnn, model, run);
        System.out.printf(Locale.ROOT, "Experiment: %d images of class %d in %.0f s; written to %s%n%n",
                result.images(), result.originalClass(), seconds, out);
        System.out.print(Figure4Table.markdown(result));
    }

    /** The output folder when {@code --out} is not given. */
    static String defaultOut(MnistModel model) {
        return model == MnistModel.MAXPOOL ? "deeplift-benchmarks/out/mnist"
                : "deeplift-benchmarks/out/mnist-" + model.id();
    }

    private static void write(Path out, Figure4Result result, TrainedCnn cnn, MnistModel model,
                              Map<String, Object> run) {
        try {
            Files.createDirectories(out);
            String caption = String.format(Locale.ROOT, "Increase of the log-odds z_t − z_%d after erasing up to %d "
                    + "pixels, over %d test images of class %d; CNN '%s', test accuracy %.4f.%n%n",
                    result.originalClass(), PixelErasure.PAPER_MAX_ERASED, result.images(), result.originalClass(),
                    model, cnn.testAccuracy());
            Files.writeString(out.resolve("figure4.md"), caption + Figure4Table.markdown(result),
                    StandardCharsets.UTF_8);
            Files.writeString(out.resolve("figure4.json"), Figure4Table.json(result, run), StandardCharsets.UTF_8);
            boxPlots(result).save(out.resolve("figure4-boxplots.png"));
            ExampleHeatmaps.render(result).save(out.resolve("figure4-example.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results to " + out, e);
        }
    }

    /** A box plot per target class, side by side. */
    static Figure boxPlots(Figure4Result result) {
        List<String> titles = new ArrayList<>();
        List<Figure> plots = new ArrayList<>();
        for (int t : result.targets()) {
            BoxPlot plot = BoxPlot.titled(result.originalClass() + " → " + t)
                    .withYLabel("increase in log-odds (" + t + " vs " + result.originalClass() + ")");
            for (String method : result.methods()) {
                plot = plot.withBox(method, result.outcome(method, t).logOddsIncrease());
            }
            titles.add("");
            plots.add(plot.render());
        }
        return Plots.grid(plots.size(), titles, plots);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Arguments are --name value pairs (--model, --data, --out, "
                        + "--max-images, --epochs, --example); got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
