package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.Methods;
import dev.deeplift.plot.Figure;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The experiment's whole code path (every method, erasure, log-odds, table, JSON, figures) on a small random CNN
 * and five synthetic 28 × 28 images: no training, no data.
 */
class ErasureExperimentTest {
    private static MultiLayerNetwork net;
    private static INDArray images;
    private static Figure4Result result;

    @BeforeAll
    static void runOnce() {
        net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).stride(2, 2).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        net.init();
        Nd4j.getRandom().setSeed(11);
        images = Nd4j.rand(DataType.FLOAT, 5, 1, 28, 28);
        BooleanIndexing.replaceWhere(images, 0.0, Conditions.lessThan(0.5)); // a black background, like digits
        // Batches of 2 over 5 images: two full batches and one of a single image.
        result = ErasureExperiment.of(8, List.of(3, 6), PixelErasure.paper(), 2).withExample(3)
                .run(net, images, Figure4Methods.of(net));
    }

    @Test
    void tableHasARowPerMethodInOrder() {
        String[] lines = Figure4Table.markdown(result).split("\n");
        List<String> methods = List.of("Gradient×input", "IG-5", "IG-10", "GuidedBackprop×input",
                "DeepLIFT-Rescale", "DeepLIFT-RevealCancel");
        assertEquals(2 + methods.size(), lines.length, String.join("\n", lines));
        assertTrue(lines[0].contains("8 → 3") && lines[0].contains("8 → 6"), lines[0]);
        for (int i = 0; i < methods.size(); i++) {
            assertTrue(lines[2 + i].startsWith("| " + methods.get(i) + " |"), lines[2 + i]);
            // the method, one cell per target, the erased-pixel counts
            assertEquals(4, lines[2 + i].split("\\|", -1).length - 2, "cells of " + lines[2 + i]);
        }
        assertEquals(methods, result.methods());
    }

    @Test
    void everyMethodAndTargetHasAFiniteValuePerImageAndAtMost157Erased() {
        assertEquals(12, result.outcomes().size());
        for (MethodOutcome o : result.outcomes()) {
            assertEquals(5, o.logOddsIncrease().length, o.method());
            for (double v : o.logOddsIncrease()) {
                assertTrue(Double.isFinite(v), o.method());
            }
            for (int e : o.erasedPixels()) {
                assertTrue(e >= 0 && e <= 157, o.method() + " erased " + e);
            }
        }
    }

    @Test
    void aValueRecomputedByHandMatches() {
        // Rescale, target 6, image 4 (the batch of one): explain each class alone, erase, compare logits.
        INDArray x = images.get(NDArrayIndex.interval(4, 5));
        DeepLift rescale = Methods.deepLift(net, Rule.RESCALE);
        INDArray diff = rescale.explain(x, 8).scores().sub(rescale.explain(x, 6).scores());
        PixelErasure.Erased e = PixelErasure.paper().erase(x, diff);
        double before = LogOdds.of(LogOdds.logits(net, x), 6, 8)[0];
        double after = LogOdds.of(LogOdds.logits(net, e.images()), 6, 8)[0];
        MethodOutcome o = result.outcome("DeepLIFT-Rescale", 6);
        assertEquals(after - before, o.logOddsIncrease()[4], 1e-4);
        assertEquals(e.erasedPixels()[0], o.erasedPixels()[4]);
    }

    @Test
    void keepsTheChosenExampleForDrawing() {
        assertArrayEquals(images.get(NDArrayIndex.interval(3, 4)).ravel().toFloatVector(),
                result.exampleImage().ravel().toFloatVector(), 0f);
        assertEquals(result.methods(), List.copyOf(result.exampleDifferences().keySet()));
        Figure row = ExampleHeatmaps.render(result);
        assertTrue(row.width() >= 7 * 28 * ExampleHeatmaps.SCALE, row.toString());
        Figure boxes = MnistFigure4.boxPlots(result);
        assertTrue(boxes.width() >= 2 * (BoxPlot.LEFT + 6 * BoxPlot.SLOT), boxes.toString());
    }

    @Test
    void jsonHoldsEverySummaryAndValue() {
        JsonObject json = new JsonParser().parse(Figure4Table.json(result, Map.of("testAccuracy", 0.5)))
                .getAsJsonObject();
        assertEquals(0.5, json.getAsJsonObject("run").get("testAccuracy").getAsDouble(), 0);
        assertEquals(5, json.get("images").getAsInt());
        assertEquals(12, json.getAsJsonArray("results").size());
        JsonObject first = json.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals("Gradient×input", first.get("method").getAsString());
        assertEquals(3, first.get("target").getAsInt());
        assertEquals(result.outcomes().get(0).summary().median(), first.get("median").getAsDouble(), 1e-12);
        assertEquals(5, first.getAsJsonArray("logOddsIncrease").size());
    }

    @Test
    void refusesATargetEqualToTheOriginalClass() {
        assertThrows(IllegalArgumentException.class,
                () -> ErasureExperiment.of(8, List.of(8), PixelErasure.paper(), 10));
    }
}
