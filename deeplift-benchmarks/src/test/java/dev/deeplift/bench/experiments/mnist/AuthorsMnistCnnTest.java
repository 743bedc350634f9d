package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.Methods;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The authors' MNIST network: the shapes and parameter counts of their notebook's model summary, dropout only in
 * training, DeepLIFT complete on it, and the trainer's train-then-cache path (on the fixture: seconds, no data).
 */
class AuthorsMnistCnnTest {
    private static final MnistCnnTrainer TRAINER = MnistCnnTrainer.defaults().withModel(MnistModel.AUTHORS);

    @Test
    void hasTheNotebooksLayerShapesAndParameterCounts() {
        MultiLayerNetwork net = TRAINER.untrainedNetwork();
        assertEquals(AuthorsMnistCnn.PARAMETERS, net.numParams());
        long[] params = {544, 32_832, 0, 204_928, 0, 1_290}; // conv, conv, dropout, dense, dropout, dense
        assertEquals(params.length, net.getnLayers());
        for (int i = 0; i < params.length; i++) {
            assertEquals(params[i], net.getLayer(i).numParams(), "layer " + i);
        }
        List<INDArray> acts = net.feedForward(Nd4j.zeros(DataType.FLOAT, 2, 1, 28, 28), false); // [0] is the input
        assertArrayEquals(new long[] {2, 32, 13, 13}, acts.get(1).shape());
        assertArrayEquals(new long[] {2, 64, 5, 5}, acts.get(2).shape());
        assertArrayEquals(new long[] {2, 128}, acts.get(4).shape());
        assertArrayEquals(new long[] {2, 10}, acts.get(6).shape());
        assertEquals(0.75, keep(net, 2), 0, "Keras rate 0.25");
        assertEquals(0.5, keep(net, 4), 0, "Keras rate 0.5");
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BaseLayer base) {
                assertTrue(base.getIUpdater() instanceof Adam, "layer " + i);
            }
        }
        assertEquals(net.params(), TRAINER.untrainedNetwork().params(), "seeded: the same initial weights");
    }

    @Test
    void dropsUnitsOnlyInTraining() {
        MultiLayerNetwork net = TRAINER.untrainedNetwork();
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 1, 28, 28);
        assertEquals(net.output(x, false), net.output(x, false));
        assertNotEquals(net.output(x, false), net.output(x, true));
    }

    @Test
    void deepLiftIsCompleteOnIt() {
        // Every pixel's contributions sum to the change of the logit from the all-zero reference, for both rules
        // (the truncated stride-2 convolution and the dropout layers convert faithfully).
        MultiLayerNetwork net = TRAINER.untrainedNetwork();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        INDArray delta = LogOdds.logits(net, x).sub(LogOdds.logits(net, Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28)));
        for (Rule rule : List.of(Rule.RESCALE, Rule.REVEAL_CANCEL)) {
            DeepLift deepLift = Methods.deepLift(net, rule);
            for (int target : new int[] {3, 8}) {
                INDArray sums = deepLift.explain(x, target).scores().reshape(3, MnistDigits.PIXELS).sum(1);
                for (int i = 0; i < 3; i++) {
                    double want = delta.getDouble(i, target);
                    assertEquals(want, sums.getDouble(i), 1e-4 + 1e-4 * Math.abs(want), rule + ", class " + target);
                }
            }
        }
    }

    @Test
    void trainsOnceThenReusesTheCache(@TempDir Path dir) throws IOException {
        MnistSplit split = MnistSplit.of(MnistDigits.load(MnistDigitsTest.fixture()), 0.5);
        Path file = dir.resolve(MnistModel.AUTHORS.modelFile());
        MnistCnnTrainer trainer = TRAINER.withEpochs(1);
        TrainedCnn trained = trainer.trainOrLoad(split, file);
        assertFalse(trained.fromCache());
        assertTrue(Files.isRegularFile(file));
        assertEquals(AuthorsMnistCnn.PARAMETERS, trained.network().numParams());
        assertNotEquals(TRAINER.untrainedNetwork().params(), trained.network().params(), "training changed the weights");
        Properties record = new Properties();
        try (Reader in = Files.newBufferedReader(file.resolveSibling(file.getFileName() + ".properties"))) {
            record.load(in);
        }
        assertEquals("authors", record.getProperty("model"));

        assertEquals(trained.network().params(), TRAINER.withEpochs(1).train(split).network().params(),
                "seeded shuffle and dropout: training again gives the same weights");

        TrainedCnn cached = trainer.trainOrLoad(split, file);
        assertTrue(cached.fromCache());
        assertEquals(trained.network().params(), cached.network().params());
        assertEquals(1, cached.epochs());
        assertEquals(trained.testAccuracy(), cached.testAccuracy(), 0);
    }

    @Test
    void refusesACachedNetworkOfTheOtherArchitecture(@TempDir Path dir) throws IOException {
        MnistSplit split = MnistSplit.of(MnistDigits.load(MnistDigitsTest.fixture()), 0.5);
        Path file = dir.resolve(MnistModel.AUTHORS.modelFile());
        ModelSerializer.writeModel(MnistCnnTrainer.defaults().untrainedNetwork(), file.toFile(), false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TRAINER.trainOrLoad(split, file));
        assertTrue(e.getMessage().contains("'authors'"), e.getMessage());
    }

    @Test
    void modelsAreNamedOnTheCommandLine() {
        assertEquals(MnistModel.AUTHORS, MnistModel.of("authors"));
        assertEquals(MnistModel.MAXPOOL, MnistModel.of("MaxPool"));
        assertThrows(IllegalArgumentException.class, () -> MnistModel.of("lenet"));
        assertEquals(MnistCnnTrainer.MODEL_FILE, MnistModel.MAXPOOL.modelFile());
        assertNotEquals(MnistModel.MAXPOOL.modelFile(), MnistModel.AUTHORS.modelFile());
        assertEquals("deeplift-benchmarks/out/mnist", MnistFigure4.defaultOut(MnistModel.MAXPOOL));
        assertEquals("deeplift-benchmarks/out/mnist-authors", MnistFigure4.defaultOut(MnistModel.AUTHORS));
        assertEquals(MnistModel.AUTHORS_RAW, MnistModel.of("authors-raw"));
        assertEquals("deeplift-benchmarks/out/mnist-authors-raw", MnistFigure4.defaultOut(MnistModel.AUTHORS_RAW));
        assertEquals(AuthorsMnistCnn.PARAMETERS, MnistModel.AUTHORS_RAW.untrained(1e-3).numParams());
    }

    @Test
    void theRawModelIsFedGreyValuesUpTo255() {
        assertEquals(1, MnistModel.MAXPOOL.inputScale(), 0);
        assertEquals(1, MnistModel.AUTHORS.inputScale(), 0);
        assertEquals(255, MnistModel.AUTHORS_RAW.inputScale(), 0);
        MnistSplit split = MnistSplit.of(MnistDigits.load(MnistDigitsTest.fixture()), 0.5);
        assertTrue(split == split.scaled(1), "scale 1 is the identity");
        MnistSplit raw = split.scaled(MnistModel.AUTHORS_RAW.inputScale());
        assertArrayEquals(split.test().labels(), raw.test().labels());
        assertEquals(split.train().images().mul(255), raw.train().images());
        assertEquals(255, raw.test().images().maxNumber().doubleValue(), 1e-4);
        assertThrows(IllegalArgumentException.class, () -> split.test().scaled(0));
    }

    private static double keep(MultiLayerNetwork net, int layer) {
        DropoutLayer d = (DropoutLayer) net.getLayerWiseConfigurations().getConf(layer).getLayer();
        return ((Dropout) d.getIDropout()).getP();
    }
}
