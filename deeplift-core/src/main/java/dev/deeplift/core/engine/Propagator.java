package dev.deeplift.core.engine;

import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a {@link NodeGraph}: one forward pass over inputs and references, then one backward pass of multipliers
 * from a seed on an output node to every graph input. Nothing but multipliers is computed backward: no weight
 * gradients, no loss. Stateless between calls, so one instance serves many threads.
 */
public final class Propagator {
    private final NodeGraph graph;
    private final RulePlan plan;
    private final boolean separable;

    /** @param graph the graph; @param plan the contexts of its nodes */
    public Propagator(NodeGraph graph, RulePlan plan) {
        this.graph = graph;
        this.plan = plan;
        boolean coupled = false;
        for (int i = 0; i < graph.size(); i++) {
            RuleNode node = graph.entry(i).node();
            coupled |= !(node instanceof InputNode) && (plan.context(i).needsSplit() || !node.sidesIndependent());
        }
        this.separable = !coupled;
    }

    /** The graph this propagator runs. */
    public NodeGraph graph() {
        return graph;
    }

    /**
     * Activations of every node.
     *
     * @param inputs     one {@code [N, ...]} array per graph input
     * @param references one {@code [N, ...]} or {@code [1, ...]} array per graph input
     */
    public ForwardPass forward(List<INDArray> inputs, List<INDArray> references) {
        List<Integer> inputIdx = graph.inputIndices();
        if (inputs.size() != inputIdx.size() || references.size() != inputIdx.size()) {
            throw new IllegalArgumentException("The graph has " + inputIdx.size() + " inputs, got "
                    + inputs.size() + " inputs and " + references.size() + " references");
        }
        PairActivations[] acts = new PairActivations[graph.size()];
        for (int k = 0; k < inputIdx.size(); k++) {
            InputNode in = (InputNode) graph.entry(inputIdx.get(k)).node();
            acts[inputIdx.get(k)] = in.pair(inputs.get(k), references.get(k));
        }
        for (int i = 0; i < graph.size(); i++) {
            NodeGraph.Entry e = graph.entry(i);
            if (e.node() instanceof InputNode) {
                continue;
            }
            acts[i] = e.node().forward(gather(acts, e.inputs()), plan.context(i));
        }
        return new ForwardPass(acts);
    }

    /**
     * True if every node computes each side of its activations from the same side of its inputs, which holds
     * wherever no RevealCancel split is carried and no node couples the sides ({@link RuleNode#sidesIndependent}):
     * then reference activations can be computed apart from the input's
     * ({@link #forwardRows}, {@link #combine}).
     */
    public boolean sidesSeparable() {
        return separable;
    }

    /**
     * A forward pass over reference rows alone: its input side holds the activations of {@code rows} (one or several
     * references, stacked), its reference side those of their first row.
     *
     * @param rows one {@code [R, ...]} array per graph input, all with the same number of rows
     */
    public ForwardPass forwardRows(List<INDArray> rows) {
        List<INDArray> first = new ArrayList<>();
        rows.forEach(r -> first.add(Batches.rows(r, 0, 1)));
        return forward(rows, first);
    }

    /**
     * The pass of an earlier pass's inputs against row {@code k} of a {@link #forwardRows} pass over stacked shared
     * references, with no op run: only for {@link #sidesSeparable() separable} graphs, where each side of a node
     * depends on that side alone.
     */
    public ForwardPass combine(ForwardPass earlier, ForwardPass stacked, int k) {
        return combine(earlier, stacked, a -> Batches.rows(a, k, k + 1));
    }

    /**
     * The pass of an earlier pass's inputs against the references whose activations are the input side of
     * {@code references} (a {@link #forwardRows} pass), with no op run: only for separable graphs.
     */
    public ForwardPass combine(ForwardPass earlier, ForwardPass references) {
        return combine(earlier, references, a -> a);
    }

    private ForwardPass combine(ForwardPass earlier, ForwardPass references, UnaryOperator<INDArray> side) {
        PairActivations[] acts = new PairActivations[graph.size()];
        for (int i = 0; i < graph.size(); i++) {
            INDArray reference = side.apply(references.activations(i).input());
            acts[i] = PairActivations.sharingInput(earlier.activations(i), reference);
        }
        return new ForwardPass(acts);
    }

    /**
     * Multipliers on every graph input, one per element (the positive/negative split collapsed by the sign of the
     * input's delta).
     *
     * @param pass       the forward pass
     * @param outputNode the node whose units are targets
     * @param seed       multipliers on that node's output, {@code [N, ...]}; a one-hot row selects one unit
     */
    public List<INDArray> backward(ForwardPass pass, int outputNode, INDArray seed) {
        return backward(pass, outputNode, seed, null);
    }

    /** {@link #backward(ForwardPass, int, INDArray)}, recording each node's conservation error if asked. */
    List<INDArray> backward(ForwardPass pass, int outputNode, INDArray seed, ConservationRecorder recorder) {
        List<Multipliers> at = backwardTo(pass, outputNode, seed, graph.inputIndices(), recorder);
        List<INDArray> result = new ArrayList<>();
        for (int k = 0; k < at.size(); k++) {
            PairActivations a = pass.activations(graph.inputIndices().get(k));
            result.add(at.get(k) == null ? Nd4j.zeros(a.input().dataType(), a.input().shape())
                    : at.get(k).collapseOn(a));
        }
        return result;
    }

    /**
     * Multipliers arriving at the given nodes (inputs or hidden nodes, for layer attribution), with their
     * positive/negative split, or null for a node the seed does not reach. Nothing below the lowest of them is
     * computed.
     */
    public List<Multipliers> backwardTo(ForwardPass pass, int outputNode, INDArray seed, List<Integer> nodes) {
        return backwardTo(pass, outputNode, seed, nodes, null);
    }

    /** {@link #backwardTo(ForwardPass, int, INDArray, List)}, recording each node's conservation error if asked. */
    List<Multipliers> backwardTo(ForwardPass pass, int outputNode, INDArray seed, List<Integer> nodes,
                                 ConservationRecorder recorder) {
        Multipliers[] acc = new Multipliers[graph.size()];
        Multipliers[] kept = new Multipliers[graph.size()];
        boolean[] wanted = new boolean[graph.size()];
        int lowest = outputNode;
        for (int k : nodes) {
            wanted[k] = true;
            lowest = Math.min(lowest, k);
        }
        acc[outputNode] = Multipliers.symmetric(seed);
        for (int i = outputNode; i >= lowest; i--) {
            Multipliers m = acc[i];
            NodeGraph.Entry e = graph.entry(i);
            if (wanted[i]) {
                kept[i] = m;
            }
            if (m == null || e.node() instanceof InputNode || i == lowest) {
                continue;
            }
            acc[i] = null;
            List<PairActivations> ins = gather(pass, e.inputs());
            List<Multipliers> back = e.node().backward(m, ins, pass.activations(i), plan.context(i));
            if (recorder != null) {
                recorder.record(i, m, pass.activations(i), back, ins);
            }
            for (int j = 0; j < e.inputs().length; j++) {
                int src = e.inputs()[j];
                Multipliers b = back.get(j);
                if (b != null) { // null: an input that takes no multipliers, such as a mask
                    acc[src] = acc[src] == null ? b : acc[src].add(b);
                }
            }
        }
        List<Multipliers> result = new ArrayList<>();
        for (int k : nodes) {
            result.add(kept[k]);
        }
        return result;
    }

    private static List<PairActivations> gather(PairActivations[] acts, int[] idx) {
        List<PairActivations> list = new ArrayList<>(idx.length);
        for (int i : idx) {
            list.add(acts[i]);
        }
        return list;
    }

    private static List<PairActivations> gather(ForwardPass pass, int[] idx) {
        List<PairActivations> list = new ArrayList<>(idx.length);
        for (int i : idx) {
            list.add(pass.activations(i));
        }
        return list;
    }
}
