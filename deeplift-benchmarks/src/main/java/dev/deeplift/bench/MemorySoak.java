package dev.deeplift.bench;

import dev.deeplift.bench.models.BenchmarkModel;
import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The question: does memory stay flat when a service explains many batches? Explains the MNIST CNN (random
 * weights) {@code explains} times at batch {@code batch} with one shared zero reference, and records the Java heap in
 * use (after a GC) and the native memory JavaCPP holds ({@code Pointer.physicalBytes()} and
 * {@code Pointer.totalBytes()}) after warm-up and then at ten checkpoints. Prints a table and the growth from the
 * first checkpoint to the last.
 *
 * <pre>
 * java -cp deeplift-benchmarks/target/benchmarks.jar dev.deeplift.bench.MemorySoak 20000 1
 * java -cp deeplift-benchmarks/target/benchmarks.jar dev.deeplift.bench.MemorySoak 157 64    # about 10,000 images
 * </pre>
 */
public final class MemorySoak {
    private MemorySoak() {
    }

    /** One measurement. */
    record Checkpoint(int explains, long heapBytes, long physicalBytes, long javacppBytes) {
    }

    /** @param args explains (default 20000) and batch size (default 1) */
    public static void main(String[] args) {
        int explains = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        MultiLayerNetwork net = BenchmarkModel.CNN.network();
        DeepLift explainer = DeepLift.of(net);
        INDArray reference = BenchmarkModel.CNN.zeroReference();
        int[] targets = BenchmarkModel.CNN.targets(batch);
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(BenchmarkModel.CNN.inputs(batch, 100 + i));
        }
        int warmup = Math.max(1, explains / 20);
        double worst = 0;
        for (int i = 0; i < warmup; i++) {
            worst = Math.max(worst, explainer.explain(inputs.get(i % 8), reference, targets).maxSummationError());
        }
        List<Checkpoint> points = new ArrayList<>();
        points.add(measure(0));
        int step = Math.max(1, explains / 10);
        long start = System.nanoTime();
        for (int i = 1; i <= explains; i++) {
            Attribution a = explainer.explain(inputs.get(i % 8), reference, targets);
            worst = Math.max(worst, a.maxSummationError());
            if (i % step == 0 || i == explains) {
                points.add(measure(i));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("MNIST CNN, batch %d, %d explains after %d warm-up explains, %.1f s (%.2f ms each)%n",
                batch, explains, warmup, seconds, 1000 * seconds / explains);
        System.out.println("| explains | heap used (MB) | process RSS (MB) | JavaCPP tracked (MB) |");
        System.out.println("|---:|---:|---:|---:|");
        for (Checkpoint p : points) {
            System.out.printf("| %d | %.1f | %.1f | %.1f |%n", p.explains(), mb(p.heapBytes()),
                    mb(p.physicalBytes()), mb(p.javacppBytes()));
        }
        Checkpoint first = points.get(0);
        Checkpoint last = points.get(points.size() - 1);
        System.out.printf("growth first→last: heap %+.1f MB, RSS %+.1f MB, JavaCPP %+.1f MB; "
                        + "max summation error %.3g%n", mb(last.heapBytes() - first.heapBytes()),
                mb(last.physicalBytes() - first.physicalBytes()), mb(last.javacppBytes() - first.javacppBytes()),
                worst);
    }

    private static Checkpoint measure(int explains) {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return new Checkpoint(explains, rt.totalMemory() - rt.freeMemory(), Pointer.physicalBytes(),
                Pointer.totalBytes());
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
