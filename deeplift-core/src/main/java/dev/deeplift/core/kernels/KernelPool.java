package dev.deeplift.core.kernels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Splits a kernel's examples over a small pool of daemon threads of its own, sized like ND4J's (its
 * {@code maxThreads}, at most the processors), rather than over the common fork-join pool, which a library should
 * not fill with its work. Each example is computed by one thread from its own data alone, so results never depend
 * on the number of threads or on how examples are split.
 */
final class KernelPool {
    /** Below this many elements a call runs on the calling thread: a hand-off costs more than it saves. */
    static final long PARALLEL_FROM = 1L << 17;
    private static volatile ForkJoinPool pool;

    private KernelPool() {
    }

    /** The body of a kernel for the examples {@code [from, to)}. */
    @FunctionalInterface
    interface Examples {
        void run(int from, int to);
    }

    /** Runs {@code body} over all {@code n} examples, in contiguous ranges over the pool when there is enough work. */
    static void forExamples(int n, long elements, Examples body) {
        int threads = n < 2 || elements < PARALLEL_FROM ? 1 : Math.min(n, pool().getParallelism());
        if (threads == 1) {
            body.run(0, n);
            return;
        }
        List<ForkJoinTask<?>> tasks = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) n * t / threads);
            int to = (int) ((long) n * (t + 1) / threads);
            tasks.add(pool().submit(() -> body.run(from, to)));
        }
        for (ForkJoinTask<?> task : tasks) {
            task.join();
        }
    }

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (KernelPool.class) {
                p = pool;
                if (p == null) {
                    int size = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                            Nd4j.getEnvironment().maxThreads()));
                    p = new ForkJoinPool(size, pl -> {
                        var thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pl);
                        thread.setDaemon(true);
                        thread.setName("deeplift-kernel-" + thread.getPoolIndex());
                        return thread;
                    }, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }
}
