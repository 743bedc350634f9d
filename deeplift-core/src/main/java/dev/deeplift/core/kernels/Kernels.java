package dev.deeplift.core.kernels;

import java.util.function.Supplier;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The switch of the fused kernels ({@link ReluRescaleKernel}, {@link RevealCancelReluKernel},
 * {@link CrossMaxPoolKernel}, and the layer checks' {@link PairSums}) and of the other Java paths
 * ({@link #javaPaths()}): on unless the system property {@code deeplift.kernels} is {@code false} when this class
 * loads, and off on a thread inside {@link #withNd4jPath}. Off, the rules run their ND4J op sequences, which give the
 * same bits; the switch exists to check one path against the other and to rule the kernels out when diagnosing a
 * problem. Off as well on any backend but ND4J's CPU one: the kernels read and write array buffers in host memory,
 * which on a GPU backend need not hold the arrays' current values.
 */
public final class Kernels {
    /** The system property read once: {@code -Ddeeplift.kernels=false} keeps every rule on its ND4J ops. */
    public static final String PROPERTY = "deeplift.kernels";
    private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())
            && cpuBackend();
    private static final ThreadLocal<Boolean> OFF_HERE = ThreadLocal.withInitial(() -> false);
    /** Per thread, so that concurrent callers (and tests run in parallel) do not see each other's counts. */
    private static final ThreadLocal<long[]> RUNS = ThreadLocal.withInitial(() -> new long[1]);

    private Kernels() {
    }

    /** True if ND4J runs on its CPU backend (nd4j-native), where array buffers live in host memory. */
    private static boolean cpuBackend() {
        try {
            return Nd4j.getBackend().getClass().getName().startsWith("org.nd4j.linalg.cpu.");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True if the kernels may run on this thread. */
    public static boolean enabled() {
        return ENABLED && !OFF_HERE.get();
    }

    /**
     * True if the Java paths that are not rules may run: {@link SmallDense}'s products and {@link FiniteCheck}'s
     * input check. They follow the system property and the backend, but not {@link #withNd4jPath}, which compares
     * the rules' kernels with their ND4J ops: both sides of that comparison then take the same products.
     */
    public static boolean javaPaths() {
        return ENABLED;
    }

    /** Runs {@code action} on this thread with every kernel off (the rules' ND4J ops), and returns its result. */
    public static <T> T withNd4jPath(Supplier<T> action) {
        boolean before = OFF_HERE.get();
        OFF_HERE.set(true);
        try {
            return action.get();
        } finally {
            OFF_HERE.set(before);
        }
    }

    /** How many times a kernel computed a rule's multipliers on this thread: lets tests see that one ran. */
    public static long runsOnThisThread() {
        return RUNS.get()[0];
    }

    static void countRun() {
        RUNS.get()[0]++;
    }
}
