package dev.deeplift.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.deeplift.bench.models.BenchmarkModel;
import dev.deeplift.core.Attribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Each benchmark method runs once per model (a check that it works, not a measurement), threads get different
 * examples, and the baselines' clones compute what the shared network computes.
 */
class ServiceLatencyBenchmarkTest {

    @ParameterizedTest
    @EnumSource(value = BenchmarkModel.class, names = {"MLP", "CNN"})
    void everyMethodExplainsOrComputesOneExampleOfItsThread(BenchmarkModel model) {
        ServiceLatencyBenchmark b = new ServiceLatencyBenchmark();
        ServiceLatencyBenchmark.Service service = new ServiceLatencyBenchmark.Service();
        service.model = model;
        service.setUp();
        ServiceLatencyBenchmark.Client first = client(service, 0);
        ServiceLatencyBenchmark.Client second = client(service, 1);

        Attribution a = b.deepLiftThreads1(service, first);
        assertArrayEquals(model.inputShape(1), a.scores().shape());
        INDArray x = first.examples.input();
        int predicted = service.net.output(x).argMax(1).getInt(0);
        assertEquals(predicted, a.targets()[0], "the predicted class is explained");
        assertArrayEquals(new long[] {1, model.outputs()}, b.dl4jOutputThreads2(first).shape());
        assertArrayEquals(model.inputShape(1), b.dl4jGradientsThreads8(first).getSecond().shape());
        assertArrayEquals(model.inputShape(1), b.deepLiftThreads8(service, second).scores().shape());

        assertNotEquals(client(service, 0).examples.advance().input(), client(service, 1).examples.advance().input(),
                "threads explain different examples");
        assertNotSame(service.net, first.ownNetwork);
        assertEquals(service.net.output(x), first.ownNetwork.output(x), "a clone computes what the network does");
    }

    private static ServiceLatencyBenchmark.Client client(ServiceLatencyBenchmark.Service service, int thread) {
        ServiceLatencyBenchmark.Client client = new ServiceLatencyBenchmark.Client();
        client.setUp(service, thread);
        return client;
    }
}
