package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.TokenSpec;
import dev.deeplift.core.graph.UnaryNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * An embedding lookup {@code e = W[token] + b}: the row of a {@code [vocabulary, D]} matrix for each token index,
 * i.e. the linear map {@code Wᵀ·onehot(token)}, so the Linear rule applies (paper 3.5.1; the bias contributes
 * nothing). It reads a token input ({@link dev.deeplift.core.graph.InputNode#tokens}): one token per example
 * {@code [N, 1] → [N, D]}, or a sequence {@code [N, T]} (or {@code [N, 1, T]}) {@code → [N, D, T]} (channels first)
 * or {@code [N, T, D]} (channels last).
 *
 * <p>Backward, the token input gets as multiplier the token's score {@code s = Σ_d m_d·Δe_d}, the summed
 * contribution of its embedding vector. The token input's delta is the indicator {@code x ≠ x_ref}, and where the
 * token does not change {@code Δe = 0} exactly, so {@code s} is 0 there: scores {@code s·indicator} are the token
 * scores, and they conserve exactly what reached the embedding's output.
 *
 * <p>A side holding reference vectors in embedding space ({@link TokenSpec#encodedVectors}) takes them in place of
 * the looked-up rows (the bias is still added). For RevealCancel consumers the split follows the one-hot view: a
 * changed token contributes the terms {@code +W[x]} (the token gained) and {@code −r} (the reference row lost), so
 * {@code Δ+ = max(W[x], 0) + max(−r, 0)} and {@code Δ− = min(W[x], 0) + min(−r, 0)} where the token changes, 0
 * elsewhere.
 */
public final class EmbeddingNode extends UnaryNode {
    private final INDArray weights;
    private final INDArray bias;
    private final boolean sequence;
    private final boolean channelsLast;

    /**
     * @param weights      {@code [vocabulary, D]}, read at every call and never written
     * @param bias         {@code [1, D]} or {@code [D]}, or null
     * @param sequence     true for sequences of tokens, false for one token per example
     * @param channelsLast true for {@code [N, T, D]} sequence output, false for {@code [N, D, T]}
     */
    public EmbeddingNode(INDArray weights, INDArray bias, boolean sequence, boolean channelsLast) {
        if (weights == null || weights.rank() != 2) {
            throw new IllegalArgumentException("embedding weights must be a [vocabulary, D] matrix");
        }
        this.weights = weights;
        this.bias = bias;
        this.sequence = sequence;
        this.channelsLast = channelsLast;
    }

    /** The number of tokens. */
    public long vocabulary() {
        return weights.size(0);
    }

    /** The embedding size D. */
    public long width() {
        return weights.size(1);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.EMBEDDING;
    }

    @Override
    public boolean readsTokens() {
        return true;
    }

    @Override
    protected PairActivations forward(PairActivations in, NodeContext context) {
        INDArray rows = rows(in.input());
        INDArray refRows = rows(in.reference());
        INDArray y = withBias(rows);
        INDArray yRef = withBias(refRows);
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        // One-hot view: a changed token adds its row W[x] and removes the reference's row r.
        INDArray changed = perStep(in.delta());
        INDArray negRef = refRows.neg();
        INDArray plus = Transforms.relu(rows, true).addi(broadcast(Transforms.relu(negRef, true), rows)).muli(changed);
        INDArray minus = Transforms.min(rows, 0.0, true).addi(broadcast(Transforms.min(negRef, 0.0, true), rows))
                .muli(changed);
        return PairActivations.withSplit(y, yRef, plus, minus);
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        INDArray contributions = out.isSymmetric() ? out.plus().mul(output.delta())
                : out.plus().mul(output.deltaPlus()).addi(out.minus().mul(output.deltaMinus()));
        int embeddingAxis = sequence && channelsLast ? 2 : 1;
        INDArray tokenScores = contributions.sum(embeddingAxis);
        return Multipliers.symmetric(tokenScores.reshape(in.input().shape()));
    }

    /** The looked-up rows (or given vectors) of one side, without the bias, in the output layout. */
    private INDArray rows(INDArray side) {
        if (side.rank() == (sequence ? 4 : 3)) {
            return TokenSpec.decodedVectors(side).castTo(weights.dataType());
        }
        long n = side.size(0);
        int[] idx = side.dup('c').reshape(side.length()).toIntVector();
        INDArray rows = Nd4j.pullRows(weights, 1, idx);
        if (!sequence) {
            return rows;
        }
        INDArray nwc = rows.reshape('c', n, idx.length / n, width());
        return channelsLast ? nwc : nwc.permute(0, 2, 1).dup('c');
    }

    private INDArray withBias(INDArray rows) {
        if (bias == null) {
            return rows;
        }
        long[] shape = new long[rows.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[sequence && channelsLast ? 2 : 1] = width();
        return rows.add(bias.reshape(shape));
    }

    /** The per-step indicator of changed tokens, shaped to broadcast over the embedding axis. */
    private INDArray perStep(INDArray indicator) {
        long n = indicator.size(0);
        if (!sequence) {
            return indicator.reshape(n, 1);
        }
        long t = indicator.size(indicator.rank() - 1);
        return channelsLast ? indicator.reshape(n, t, 1) : indicator.reshape(n, 1, t);
    }

    /** {@code a} broadcast to the shape of {@code like} (a shared {@code [1, ...]} reference row). */
    private static INDArray broadcast(INDArray a, INDArray like) {
        return a.size(0) == like.size(0) ? a : Nd4j.zeros(a.dataType(), like.shape()).addi(a);
    }

    @Override
    public String toString() {
        return "embedding[" + vocabulary() + " × " + width() + (sequence ? (channelsLast ? ", NWC]" : ", NCW]")
                : "]");
    }
}
