package dev.deeplift.core.engine;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Provenance;
import dev.deeplift.core.ReferenceSink;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.Sized;
import dev.deeplift.core.kernels.InputScores;
import dev.deeplift.core.kernels.PairSums;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checked inputs through a {@link Propagator} in chunks: per chunk one forward pass, then one backward pass per
 * seed (several targets share the forward pass), outside any caller workspace so results are detached.
 */
final class ExplainRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExplainRunner.class);
    private static final String WORKSPACE_ID = "DEEPLIFT_EXPLAIN";
    private static final String REFERENCE_WORKSPACE_ID = "DEEPLIFT_EXPLAIN_REFERENCE";
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .initialSize(0).overallocationLimit(0.2)
            .policyAllocation(AllocationPolicy.OVERALLOCATE).policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL).policySpill(SpillPolicy.REALLOCATE).build();

    private final Propagator propagator;
    private final List<Integer> scoredInputs;
    private final int chunkSize;
    private final AtomicInteger automaticChunk;
    private final boolean expectSummation;
    private final boolean layerChecks;
    private final Provenance provenance;

    /**
     * @param scoredInputs   the graph inputs whose features get scores, in order (masks are inputs without scores)
     * @param chunkSize      examples per chunk, or 0 to choose them from the activation sizes
     * @param automaticChunk where the chosen size is kept between calls (0 until the first call measures it)
     * @param layerChecks    true to record every node's conservation error
     */
    ExplainRunner(Propagator propagator, List<Integer> scoredInputs, int chunkSize, AtomicInteger automaticChunk,
                  boolean expectSummation, boolean layerChecks, Provenance provenance) {
        this.propagator = propagator;
        this.scoredInputs = scoredInputs;
        this.chunkSize = chunkSize;
        this.automaticChunk = automaticChunk;
        this.expectSummation = expectSummation;
        this.layerChecks = layerChecks;
        this.provenance = provenance;
    }

    /**
     * One result per seed.
     *
     * @param xs       one array per graph input
     * @param refs     one reference per graph input
     * @param fromNode the node whose output the seeds select from
     * @param atNode   the node whose activations get the scores, or -1 for the graph inputs
     */
    List<Attribution> run(List<INDArray> xs, List<INDArray> refs, int fromNode, List<Seed> seeds, int atNode) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long n = xs.get(0).size(0);
            int chunk = chunkRows(xs, refs);
            List<List<Attribution>> parts = new ArrayList<>();
            seeds.forEach(s -> parts.add(new ArrayList<>()));
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
                        parts.get(s).add(backward(pass, out, fromNode, seed, atNode).detached());
                    }
                }
            }
            List<Attribution> results = new ArrayList<>();
            for (List<Attribution> p : parts) {
                Attribution r = Attribution.concat(p);
                warnIfNotSummingToDelta(r);
                results.add(r);
            }
            return results;
        }
    }

    /**
     * The same inputs against several references: per chunk, one forward pass over the inputs (with the first
     * reference) and, for shared references, one over all of them stacked; then for every reference one backward
     * pass (and, for per-example references, a forward pass over their rows alone, see {@link #againstReference}),
     * in a nested workspace that the next reference reuses. Results go to {@code sink} as they are made, detached.
     */
    void runEach(List<INDArray> xs, List<List<INDArray>> references, int fromNode, Seed seed, ReferenceSink sink) {
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
                            Attribution r = backward(pass, out, fromNode, seed.of(out.input(), from), -1).detached();
                            warnIfNotSummingToDelta(r);
                            sink.accept(k, from, r);
                        }
                    }
                }
            }
        }
    }

    /**
     * The examples per chunk: the configured number, or as many as keep the largest activation of one forward pass
     * within {@link Settings#CHUNK_ACTIVATION_BYTES}, or {@link Settings#SEQUENCE_CHUNK_BYTES} where a node keeps
     * per-step state (measured once on the first example, then kept).
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
        boolean stepwise = false;
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, WORKSPACE_ID)) {
            ForwardPass probe = propagator.forward(rows(xs, 0, 1), rows(refs, 0, 1));
            for (int i = 0; i < probe.size(); i++) {
                INDArray a = probe.activations(i).input();
                // What a node keeps for its backward (a recurrent layer's gates over every step) counts too.
                long kept = probe.activations(i).state() instanceof Sized s ? s.bytes() : 0;
                stepwise |= kept > 0;
                largest = Math.max(largest, a.length() * a.dataType().width() + kept);
            }
        }
        long budget = stepwise ? Settings.SEQUENCE_CHUNK_BYTES : Settings.CHUNK_ACTIVATION_BYTES;
        long rows = Math.max(1, Math.min(Settings.MAX_AUTOMATIC_CHUNK, budget / largest));
        automaticChunk.set((int) rows);
        return (int) rows;
    }

    private Attribution backward(ForwardPass pass, PairActivations out, int fromNode, Seed.Value seed, int atNode) {
        INDArray deltas = seed.positions() != null ? SummationCheck.unitDeltas(out, seed.positions())
                : out.delta().mul(seed.seed()).reshape(out.batchSize(), -1).sum(1);
        ConservationRecorder recorder = layerChecks ? new ConservationRecorder(propagator.graph()) : null;
        try (PairSums.Scope ignored = recorder == null ? null : recorder.collecting()) {
            Attribution result = backward(pass, fromNode, seed, atNode, deltas, recorder);
            return recorder == null ? result : result.withLayerChecks(recorder.report());
        }
    }

    private Attribution backward(ForwardPass pass, int fromNode, Seed.Value seed, int atNode, INDArray deltas,
                                 ConservationRecorder recorder) {
        Attribution result;
        if (atNode < 0) {
            List<INDArray> multipliers = propagator.backward(pass, fromNode, seed.seed(), recorder);
            List<INDArray> scores = new ArrayList<>();
            List<INDArray> scored = new ArrayList<>();
            List<Integer> inputs = propagator.graph().inputIndices();
            for (int k = 0; k < inputs.size(); k++) {
                if (scoredInputs.contains(inputs.get(k))) {
                    scores.add(scores(multipliers.get(k), pass.activations(inputs.get(k))));
                    scored.add(multipliers.get(k));
                }
            }
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                result = Attribution.ofScores(scores, scored, deltas, seed.units(), provenance);
            }
        } else {
            PairActivations at = pass.activations(atNode);
            Multipliers m = propagator.backwardTo(pass, fromNode, seed.seed(), List.of(atNode), recorder).get(0);
            if (m == null) {
                INDArray zeros = Nd4j.zeros(at.input().dataType(), at.input().shape());
                result = Attribution.ofScores(List.of(zeros), List.of(zeros), deltas, seed.units(), provenance);
            } else {
                // At a hidden node the positive and negative parts may carry their own multipliers.
                INDArray scores = m.isSymmetric() ? scores(m.plus(), at)
                        : m.plus().mul(at.deltaPlus()).addi(m.minus().mul(at.deltaMinus()));
                result = Attribution.ofScores(List.of(scores), List.of(m.collapseOn(at)), deltas, seed.units(),
                        provenance);
            }
        }
        return result;
    }

    /**
     * The scores {@code m · Δx} of a pair (an input, or a hidden node whose parts share one multiplier): in one Java
     * pass where {@link InputScores} applies, else ND4J's ops. Scores are results, made outside the chunk's
     * workspace so that they need no copy later; {@code Δx} stays inside it.
     */
    private static INDArray scores(INDArray multipliers, PairActivations input) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray direct = input.isTokens() ? null
                    : InputScores.of(multipliers, input.input(), input.reference());
            if (direct != null) {
                return direct;
            }
        }
        INDArray delta = input.delta();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return multipliers.mul(delta);
        }
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

    private void warnIfNotSummingToDelta(Attribution result) {
        if (!expectSummation) {
            return;
        }
        double tol = SummationCheck.relativeTolerance(provenance.dataType());
        List<INDArray> scores = new ArrayList<>();
        for (int k = 0; k < result.inputCount(); k++) {
            scores.add(result.scores(k));
        }
        double worst = SummationCheck.worstRelativeError(scores, result.deltas(), result.summationErrors());
        if (worst > tol) {
            LOG.warn("Summation-to-delta violated: max error {} (relative {}, tolerance {}) for {}",
                    result.maxSummationError(), worst, tol, provenance.describeMethod());
        }
    }
}
