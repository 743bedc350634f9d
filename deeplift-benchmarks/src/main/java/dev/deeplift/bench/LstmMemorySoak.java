package dev.deeplift.bench;

import dev.deeplift.bench.models.SequenceBenchmarkModel;
import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The question: is memory bounded when long sequences are explained? Explains batches of {@code T}-step sequences
 * ({@link SequenceBenchmarkModel}, T = 1000 by default) {@code explains} times with one shared reference, and
 * records after warm-up and at ten checkpoints the Java heap in use after a GC and the native memory JavaCPP holds;
 * at the end, the peaks: of the heap (the sum of the heap pools' peak usage), of the process's resident set
 * ({@code VmHWM} of {@code /proc/self/status}, where there is one) and of JavaCPP's physical bytes sampled after
 * every explain.
 *
 * <p>An explanation keeps every gate and state of a recurrent layer for its backward pass: about sixteen arrays of
 * {@code T × (N + 1) × H} values per LSTM. The explainer sizes its chunks of examples to bound that (see
 * {@code DeepLift#withChunkSize}), so the peak should not grow with the number of explains, only with T.
 *
 * <pre>
 * java -cp deeplift-benchmarks/target/benchmarks.jar dev.deeplift.bench.LstmMemorySoak [explains 50] [batch 32]
 *     [steps 1000] [LSTM|TEXT]
 * </pre>
 */
public final class LstmMemorySoak {
    private LstmMemorySoak() {
    }

    /** One measurement. */
    record Checkpoint(int explains, long heapBytes, long physicalBytes, long javacppBytes) {
    }

    /** @param args explains (default 50), batch (32), steps (1000), model (LSTM) */
    public static void main(String[] args) {
        int explains = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        SequenceBenchmarkModel model = args.length > 3 ? SequenceBenchmarkModel.valueOf(args[3])
                : SequenceBenchmarkModel.LSTM;
        MultiLayerNetwork net = model.network();
        DeepLift explainer = DeepLift.of(net);
        INDArray reference = model.zeroReference(steps);
        int[] targets = model.targets(batch);
        List<INDArray> inputs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inputs.add(model.inputs(batch, steps, 100 + i));
        }
        int warmup = Math.max(1, explains / 10);
        double worst = 0;
        long peakPhysical = 0;
        for (int i = 0; i < warmup; i++) {
            worst = Math.max(worst, explainer.explain(inputs.get(i % 4), reference, targets).maxSummationError());
            peakPhysical = Math.max(peakPhysical, Pointer.physicalBytes());
        }
        List<Checkpoint> points = new ArrayList<>();
        points.add(measure(0));
        int step = Math.max(1, explains / 10);
        long start = System.nanoTime();
        for (int i = 1; i <= explains; i++) {
            Attribution a = explainer.explain(inputs.get(i % 4), reference, targets);
            worst = Math.max(worst, a.maxSummationError());
            peakPhysical = Math.max(peakPhysical, Pointer.physicalBytes());
            if (i % step == 0 || i == explains) {
                points.add(measure(i));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s, T = %d, batch %d, chunk size %d: %d explains after %d warm-up explains, "
                        + "%.1f s (%.0f ms each)%n", model, steps, batch, explainer.chunkSize(), explains, warmup,
                seconds, 1000 * seconds / explains);
        System.out.println("| explains | heap used after GC (MB) | process RSS (MB) | JavaCPP tracked (MB) |");
        System.out.println("|---:|---:|---:|---:|");
        for (Checkpoint p : points) {
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f |%n", p.explains(), mb(p.heapBytes()),
                    mb(p.physicalBytes()), mb(p.javacppBytes()));
        }
        Checkpoint first = points.get(0);
        Checkpoint last = points.get(points.size() - 1);
        System.out.printf(Locale.ROOT, "growth first→last: heap %+.1f MB, RSS %+.1f MB, JavaCPP %+.1f MB%n",
                mb(last.heapBytes() - first.heapBytes()), mb(last.physicalBytes() - first.physicalBytes()),
                mb(last.javacppBytes() - first.javacppBytes()));
        System.out.printf(Locale.ROOT, "peaks: heap %.1f MB (max %.1f MB), RSS sampled %.1f MB, RSS high-water mark "
                        + "%s; max summation error %.3g%n", mb(peakHeap()), mb(Runtime.getRuntime().maxMemory()),
                mb(peakPhysical), highWaterMark(), worst);
    }

    private static Checkpoint measure(int explains) {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return new Checkpoint(explains, rt.totalMemory() - rt.freeMemory(), Pointer.physicalBytes(),
                Pointer.totalBytes());
    }

    /** The sum of the heap pools' peak usage since the start. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's peak resident set from {@code /proc/self/status}, or "n/a" off Linux. */
    private static String highWaterMark() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f MB", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: reported as unavailable
        }
        return "n/a";
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
