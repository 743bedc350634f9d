package dev.deeplift.bench.experiments.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The experiment's whole code path (every method on both architectures, the recovery counts, the table, the figure,
 * the files) on tiny untrained networks and short sequences: no training. The output bias is set so that every
 * sequence is called positive, which makes every positive test sequence a scored one.
 */
class SequenceExperimentTest {
    private static final MotifPairTask TASK = new MotifPairTask(20, MotifPairTask.GATA, MotifPairTask.EBOX);
    private static final int SCORED = 5;
    private static MotifPairData test;
    private static List<TrainedSequenceModel> models;
    private static List<ModelRecovery> results;

    @BeforeAll
    static void runOnce() {
        test = TASK.generate(30, 4);
        models = new ArrayList<>();
        results = new ArrayList<>();
        for (SequenceModel m : SequenceModel.values()) {
            MultiLayerNetwork net = m.untrained(4, 1e-2, 7);
            net.getLayer(net.getnLayers() - 1).getParam("b").assign(20); // every sequence called positive
            TrainedSequenceModel trained = new TrainedSequenceModel(m, net, 0.5, 0, 0);
            models.add(trained);
            results.add(SequenceExperiment.run(trained, test, SequenceMethods.all(net, TASK.length(), 3), SCORED));
        }
    }

    @Test
    void everyMethodScoresTheFirstPositiveSequencesOfEachModel() {
        int[] labels = test.labels();
        List<String> keys = List.of("rescale", "reveal_cancel", "grad_times_inp", "integrated_gradients_20",
                "integrated_gradients_50", "deepshap_shuffled_" + SequenceMethods.SHUFFLES);
        for (ModelRecovery r : results) {
            assertEquals(SCORED, r.sequences());
            assertEquals(keys, r.methods().stream().map(MethodRecovery::method).toList());
            int first = 0;
            while (labels[first] != 1) {
                first++;
            }
            assertEquals(test.sequences().get(first), r.exampleSequence(), "the first positive is the example");
            assertEquals(12, r.examplePlanted().length);
            for (MethodRecovery m : r.methods()) {
                assertTrue(m.recall() >= 0 && m.recall() <= 1, m.method() + " recall " + m.recall());
                assertTrue(m.allPlanted() <= m.recall(), m.method() + " all planted " + m.allPlanted());
                assertTrue(m.bothMotifs() >= 0 && m.bothMotifs() <= 1, m.method() + " " + m.bothMotifs());
                assertEquals(TASK.length(), m.exampleScores().length);
            }
        }
    }

    @Test
    void deepLiftAndDeepShapScoresSumToTheLogitDeltaThroughBothRecurrentModels() {
        for (ModelRecovery r : results) {
            for (String key : List.of("rescale", "reveal_cancel", "deepshap_shuffled_" + SequenceMethods.SHUFFLES)) {
                double error = r.method(key).maxSummationError();
                assertTrue(error < 1e-4, r.model().model() + " " + key + ": summation error " + error);
            }
        }
    }

    @Test
    void theExampleScoresAreThoseOfAnIndependentCall() {
        for (int k = 0; k < models.size(); k++) {
            MultiLayerNetwork net = models.get(k).network();
            int first = 0;
            while (test.labels()[first] != 1) {
                first++;
            }
            INDArray x = test.oneHot().get(NDArrayIndex.interval(first, first + 1), NDArrayIndex.all(),
                    NDArrayIndex.all());
            Attribution a = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x,
                    SequenceMethods.flat(TASK.length()), 0);
            double[] expected = a.scores().sum(1).reshape(TASK.length()).toDoubleVector();
            double[] got = results.get(k).method("reveal_cancel").exampleScores();
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p], got[p], 1e-5 * (1 + Math.abs(expected[p])), "position " + p);
            }
        }
    }

    @Test
    void theTableHasARowPerMethodAColumnPairPerModelAndTheChanceRow() {
        String md = RecoveryTable.markdown(TASK, results);
        List<String> lines = md.lines().toList();
        assertEquals(2 + 6 + 1, lines.size(), md);
        assertTrue(lines.get(0).contains("| LSTM: planted in top 12 | LSTM: all 12 on top | LSTM: both motifs in "
                + "top 12 |") && lines.get(0).contains("Bidirectional LSTM: both motifs in top 12"), lines.get(0));
        assertTrue(lines.get(2).startsWith("| DeepLIFT Rescale |"), lines.get(2));
        // 12 planted positions of 20: chance recall 60 %.
        assertTrue(lines.get(8).startsWith("| random scores (chance) | 60.0 % |"), lines.get(8));
        for (String line : lines) {
            // A method cell, three per model, the seconds and the errors: 9 cells, 10 bars (escaped bars aside).
            assertEquals(10, line.replace("\\|", "").chars().filter(c -> c == '|').count(), "cells in " + line);
        }
    }

    @Test
    void theReportWritesTheMarkdownAndAReadableFigure(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("sequence");
        String md = SequenceMotifs.report(TASK, 4, 0, test, models, 3, out);
        assertEquals(md, Files.readString(out.resolve("sequence.md"), StandardCharsets.UTF_8));
        assertTrue(md.contains("| LSTM (4 units in all) |") && md.contains("| Bidirectional LSTM (4 units in all) |"),
                md);
        BufferedImage png = ImageIO.read(out.resolve("sequence.png").toFile());
        assertEquals(RecoveryFigure.WIDTH, png.getWidth());
        assertTrue(png.getHeight() > 500, "charts and tracks: " + png.getHeight());
    }

    @Test
    void aModelThatCallsNoPositiveRightIsRefused() {
        MultiLayerNetwork net = SequenceModel.LSTM.untrained(4, 1e-2, 7);
        net.getLayer(net.getnLayers() - 1).getParam("b").assign(-20);
        TrainedSequenceModel none = new TrainedSequenceModel(SequenceModel.LSTM, net, 0.5, 0, 0);
        assertThrows(IllegalArgumentException.class,
                () -> SequenceExperiment.run(none, test, SequenceMethods.all(net, TASK.length(), 3), SCORED));
    }
}
