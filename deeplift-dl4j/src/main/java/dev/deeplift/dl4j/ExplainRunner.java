package dev.deeplift.dl4j;

import dev.deeplift.core.engine.Batches;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.GraphAttribution;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.SummationCheck;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checked inputs through a {@link Propagator} in chunks: per chunk one forward pass, then one backward pass per
 * seed (several targets share the forward pass), outside any caller workspace so results are detached.
 */
final class ExplainRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DeepLift.class);
    private static final String WORKSPACE_ID = "DEEPLIFT_EXPLAIN";
    private static final String REFERENCE_WORKSPACE_ID = "DEEPLIFT_EXPLAIN_REFERENCE";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL).policySpill(SpillPolicy.REALLOCATE).build();

    private final Propagator propagator;
    private final List<Integer> inputNodes;
    private final int chunkSize;
    private final AtomicInteger automaticChunk;
    private final DataType dataType;
    private final boolean expectSummation;
    private final String method;

    /**
     * @param chunkSize      examples per chunk, or 0 to choose them from the activation sizes
     * @param automaticChunk where the chosen size is kept between calls (0 until the first call measures it)
     */
    ExplainRunner(Propagator propagator, List<Integer> inputNodes, int chunkSize, AtomicInteger automaticChunk,
                  DataType dataType, boolean expectSummation, String method) {
        this.propagator = propagator;
        this.inputNodes = inputNodes;
        this.chunkSize = chunkSize;
        this.automaticChunk = automaticChunk;
        this.dataType = dataType;
        this.expectSummation = expectSummation;
        this.method = method;
    }

    /**
     * One result per seed.
     *
     * @param fromNode the node whose output the seeds select from
     * @param atNode   the node whose activations get the scores, or -1 for the graph inputs
     */
    List<GraphAttribution> run(List<INDArray> xs, List<INDArray> refs, int fromNode, List<Seed> seeds, int atNode,
                               List<int[]> unitsOut) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long n = xs.get(0).size(0);
            int chunk = chunkRows(xs, refs);
            List<List<GraphAttribution>> parts = new ArrayList<>();
            List<List<int[]>> units = new ArrayList<>();
            seeds.forEach(s -> {
                parts.add(new ArrayList<>());
                units.add(new ArrayList<>());
            });
            for (long from = 0; from < n; from += chunk) {
                long to = Math.min(n, from + chunk);
                boolean whole = from == 0 && to == n;
                // Every intermediate array of a chunk lives in a per-thread workspace that is reused by the next
                // chunk and the next call, so steady-state explains do not pile up off-heap garbage for the GC;
                // only the results are detached from it.
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
                    ForwardPass pass = propagator.forward(whole ? xs : rows(xs, from, to),
                            whole ? refs : rows(refs, from, to));
                    PairActivations out = pass.activations(fromNode);
                    for (int s = 0; s < seeds.size(); s++) {
                        Seed.Value seed = seeds.get(s).of(out.input(), from);
                        units.get(s).add(seed.units());
                        parts.get(s).add(backward(pass, out, fromNode, seed.seed(), atNode).detached());
                    }
                }
            }
            List<GraphAttribution> results = new ArrayList<>();
            for (int s = 0; s < seeds.size(); s++) {
                GraphAttribution r = parts.get(s).size() == 1 ? parts.get(s).get(0)
                        : GraphAttribution.concat(parts.get(s));
                warnIfNotSummingToDelta(r);
                results.add(r);
                unitsOut.add(units.get(s).stream().flatMapToInt(java.util.Arrays::stream).toArray());
            }
            return results;
        }
    }

    /** Receives one reference's result for a chunk of examples. */
    @FunctionalInterface
    interface ChunkSink {
        void accept(int reference, long firstExample, GraphAttribution rows, int[] units);
    }

    /**
     * The same inputs against several references: per chunk, one forward pass over the inputs (with the first
     * reference) and, for shared references, one over all of them stacked; then for every reference one backward
     * pass (and, for per-example references, a forward pass over their rows alone, see {@link #againstReference}),
     * in a nested workspace that the next reference reuses. Results go to {@code sink} as they are made, detached.
     */
    void runEach(List<INDArray> xs, List<List<INDArray>> references, int fromNode, Seed seed, ChunkSink sink) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long n = xs.get(0).size(0);
            int chunk = chunkRows(xs, references.get(0));
            boolean stackable = references.size() > 1 && propagator.sidesSeparable()
                    && references.stream().allMatch(refs -> refs.stream().allMatch(r -> r.size(0) == 1));
            for (long from = 0; from < n; from += chunk) {
                long to = Math.min(n, from + chunk);
                boolean whole = from == 0 && to == n;
                try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
                    List<INDArray> x = whole ? xs : rows(xs, from, to);
                    ForwardPass first = propagator.forward(x, whole ? references.get(0)
                            : rows(references.get(0), from, to));
                    // Shared references of a separable graph go forward together, R rows in one op per node.
                    ForwardPass stacked = stackable ? propagator.forwardRows(stack(references)) : null;
                    for (int k = 0; k < references.size(); k++) {
                        try (MemoryWorkspace perReference = Nd4j.getWorkspaceManager()
                                .getAndActivateWorkspace(WORKSPACE, REFERENCE_WORKSPACE_ID)) {
                            List<INDArray> refs = whole ? references.get(k) : rows(references.get(k), from, to);
                            ForwardPass pass = k == 0 ? first : stacked != null ? propagator.combine(first, stacked, k)
                                    : againstReference(first, x, refs);
                            PairActivations out = pass.activations(fromNode);
                            Seed.Value value = seed.of(out.input(), from);
                            GraphAttribution r = backward(pass, out, fromNode, value.seed(), -1).detached();
                            warnIfNotSummingToDelta(r);
                            sink.accept(k, from, r, value.units());
                        }
                    }
                }
            }
        }
    }

    /**
     * The examples per chunk: the configured number, or as many as keep the largest activation of one forward pass
     * within {@link DeepLift#CHUNK_ACTIVATION_BYTES} (measured once on the first example, then kept).
     */
    private int chunkRows(List<INDArray> xs, List<INDArray> refs) {
        if (chunkSize > 0) {
            return chunkSize;
        }
        int known = automaticChunk.get();
        if (known > 0) {
            return known;
        }
        long largest = 1;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            ForwardPass probe = propagator.forward(rows(xs, 0, 1), rows(refs, 0, 1));
            for (int i = 0; i < probe.size(); i++) {
                INDArray a = probe.activations(i).input();
                largest = Math.max(largest, a.length() * a.dataType().width());
            }
        }
        long rows = Math.max(1, Math.min(DeepLift.DEFAULT_CHUNK_SIZE, DeepLift.CHUNK_ACTIVATION_BYTES / largest));
        automaticChunk.set((int) rows);
        return (int) rows;
    }

    private GraphAttribution backward(ForwardPass pass, PairActivations out, int fromNode, INDArray seed,
                                      int atNode) {
        INDArray deltas = out.delta().mul(seed).reshape(out.batchSize(), -1).sum(1);
        if (atNode < 0) {
            List<INDArray> inputDeltas = new ArrayList<>();
            inputNodes.forEach(i -> inputDeltas.add(pass.activations(i).delta()));
            return GraphAttribution.of(propagator.backward(pass, fromNode, seed), inputDeltas, deltas, method);
        }
        PairActivations at = pass.activations(atNode);
        Multipliers m = propagator.backwardTo(pass, fromNode, seed, List.of(atNode)).get(0);
        if (m == null) {
            INDArray zeros = Nd4j.zeros(at.input().dataType(), at.input().shape());
            return GraphAttribution.ofScores(List.of(zeros), List.of(zeros), deltas, method);
        }
        // At a hidden node the positive and negative parts may carry their own multipliers.
        INDArray scores = m.isSymmetric() ? m.plus().mul(at.delta())
                : m.plus().mul(at.deltaPlus()).addi(m.minus().mul(at.deltaMinus()));
        return GraphAttribution.ofScores(List.of(scores), List.of(m.collapse(at.delta())), deltas, method);
    }

    /**
     * The pass of {@code first}'s inputs against other references: in a separable graph only the reference rows go
     * forward (their activations become the reference side beside {@code first}'s input side); a graph carrying
     * RevealCancel splits, which depend on both sides, or references shared on some inputs and per example on
     * others (whose rows a merge could not stack as an input side), goes forward in full.
     */
    private ForwardPass againstReference(ForwardPass first, List<INDArray> xs, List<INDArray> refs) {
        long rows = refs.get(0).size(0);
        if (!propagator.sidesSeparable() || refs.stream().anyMatch(r -> r.size(0) != rows)) {
            return propagator.forward(xs, refs);
        }
        return propagator.combine(first, propagator.forwardRows(refs));
    }

    /** One {@code [R, ...]} array per graph input from R lists of {@code [1, ...]} references. */
    private static List<INDArray> stack(List<List<INDArray>> references) {
        List<INDArray> out = new ArrayList<>();
        for (int j = 0; j < references.get(0).size(); j++) {
            INDArray[] parts = new INDArray[references.size()];
            for (int k = 0; k < parts.length; k++) {
                parts[k] = references.get(k).get(j);
            }
            out.add(Nd4j.concat(0, parts));
        }
        return out;
    }

    /** Rows {@code from..to}; shared {@code [1, ...]} references stay shared (a chunked batch has N > 1). */
    private static List<INDArray> rows(List<INDArray> arrays, long from, long to) {
        List<INDArray> out = new ArrayList<>();
        for (INDArray a : arrays) {
            out.add(a.size(0) == 1 ? a : Batches.rows(a, from, to));
        }
        return out;
    }

    private void warnIfNotSummingToDelta(GraphAttribution result) {
        if (!expectSummation) {
            return;
        }
        double tol = SummationCheck.relativeTolerance(dataType);
        INDArray scale = SummationCheck.scales(result.scores()).addi(Transforms.abs(result.deltas(), true))
                .addi(1.0);
        double worst = result.summationErrors().div(scale).maxNumber().doubleValue();
        if (worst > tol) {
            LOG.warn("Summation-to-delta violated: max error {} (relative {}, tolerance {}) for {}",
                    result.maxSummationError(), worst, tol, method);
        }
    }
}
