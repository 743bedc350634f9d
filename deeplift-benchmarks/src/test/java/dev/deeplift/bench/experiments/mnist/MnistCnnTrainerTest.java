package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.bench.models.BenchmarkModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.learning.config.Adam;

/** The trainer builds the benchmark CNN with Adam, trains, and caches (on the fixture: seconds, no data). */
class MnistCnnTrainerTest {

    @Test
    void trainsTheBenchmarkArchitectureWithAdam() {
        MultiLayerNetwork net = MnistCnnTrainer.defaults().untrainedNetwork();
        MultiLayerNetwork benchmark = BenchmarkModels.cnn();
        assertEquals(benchmark.numParams(), net.numParams());
        assertEquals(benchmark.params(), net.params(), "the same seeded initial weights");
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayerWiseConfigurations().getConf(i).getLayer() instanceof BaseLayer base) {
                assertTrue(base.getIUpdater() instanceof Adam, "layer " + i);
            }
        }
    }

    @Test
    void trainsOnceThenReusesTheCache(@TempDir Path dir) {
        MnistSplit split = MnistSplit.of(MnistDigits.load(MnistDigitsTest.fixture()), 0.5);
        Path file = dir.resolve(MnistCnnTrainer.MODEL_FILE);
        MnistCnnTrainer trainer = MnistCnnTrainer.defaults().withEpochs(1);
        TrainedCnn trained = trainer.trainOrLoad(split, file);
        assertFalse(trained.fromCache());
        assertTrue(Files.isRegularFile(file));
        assertNotEquals(MnistCnnTrainer.defaults().untrainedNetwork().params(), trained.network().params(),
                "training changed the weights");
        assertTrue(trained.testAccuracy() >= 0 && trained.testAccuracy() <= 1);

        TrainedCnn cached = trainer.trainOrLoad(split, file);
        assertTrue(cached.fromCache());
        assertEquals(trained.network().params(), cached.network().params());
        assertEquals(trained.trainSeconds(), cached.trainSeconds(), 1e-9);
        assertEquals(1, cached.epochs());
        assertEquals(trained.testAccuracy(), cached.testAccuracy(), 0);
    }
}
