package dev.deeplift.spark.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Watches this JVM's memory while a measurement runs: the largest live heap (the heap pools' usage after their last
 * collection, summed: what survives, not garbage waiting to be collected) and the process's peak resident set
 * (Linux {@code VmHWM}: heap, ND4J's native buffers and everything else).
 */
final class PeakMemory implements AutoCloseable {
    private final Thread sampler;
    private volatile boolean running = true;
    private volatile long peakLiveHeap;

    PeakMemory() {
        sampler = new Thread(() -> {
            while (running) {
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                    live += after == null ? 0 : after.getUsed();
                }
                peakLiveHeap = Math.max(peakLiveHeap, live);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The largest live heap seen, in MB. */
    long peakLiveHeapMb() {
        return peakLiveHeap >> 20;
    }

    /** The process's peak resident set in MB, or -1 where /proc does not tell. */
    static long peakResidentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
