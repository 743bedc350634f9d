package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.nodes.ConcatNode;
import dev.deeplift.core.nodes.ElementwiseMaxNode;
import dev.deeplift.core.nodes.ProductNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.nodes.WeightedSumNode;
import dev.deeplift.core.ops.ScaleShiftOp;
import dev.deeplift.core.ops.ShapeOp;
import dev.deeplift.core.ops.ShapeOps;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PoolHelperVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The built-in converters of the ComputationGraph vertices that are not layers, registered in {@link Converters}.
 * Linear vertices (merge, add, subtract, average, subset, scale, shift, reshape, pool helper) carry multipliers and
 * RevealCancel splits exactly; products take the product rule and maxima the max-pooling rule; vertices without an
 * exact rule are refused with the reason.
 */
public final class VertexConverters {
    private VertexConverters() {
    }

    /** MergeVertex: concatenation along its merge axis. */
    static void merge(MergeVertex m, ConversionContext ctx) {
        addOver(ctx, "merge", new ConcatNode(m.getMergeAxis()));
    }

    /**
     * ElementWiseVertex: Add, Subtract and Average are weighted sums; Product is the product rule folded left
     * ({@code ((x1·x2)·x3)…}, DL4J's order); Max credits like max pooling over the inputs.
     */
    static void elementWise(ElementWiseVertex e, ConversionContext ctx) {
        int inputs = ctx.inputs().size();
        if (e.getOp() == ElementWiseVertex.Op.Product) {
            String acc = ctx.inputs().get(0);
            for (int k = 1; k < inputs; k++) {
                acc = ctx.add("product", new ProductNode(), acc, ctx.inputs().get(k));
            }
            ctx.setCurrent(acc);
            return;
        }
        RuleNode node = switch (e.getOp()) {
            case Add -> WeightedSumNode.sum(inputs);
            case Subtract -> new WeightedSumNode(1.0, -1.0);
            case Average -> {
                double[] c = new double[inputs];
                Arrays.fill(c, 1.0 / inputs);
                yield new WeightedSumNode(c);
            }
            case Max -> new ElementwiseMaxNode();
            default -> throw ctx.unsupported("ElementWiseVertex " + e.getOp() + " has no exact rule here "
                    + "(supported: Add, Subtract, Average, Product, Max)");
        };
        addOver(ctx, e.getOp().toString().toLowerCase(java.util.Locale.ROOT), node);
    }

    /** SubsetVertex: features {@code from..to}. */
    static void subset(SubsetVertex s, ConversionContext ctx) {
        addOver(ctx, "subset", shape(subset(s.getFrom(), s.getTo())));
    }

    /** ScaleVertex. */
    static void scale(ScaleVertex s, ConversionContext ctx) {
        addOver(ctx, "scale", new LinearNode(LayerKind.NORMALIZATION, new ScaleShiftOp(s.getScaleFactor(), 0), true));
    }

    /** ShiftVertex. */
    static void shift(ShiftVertex s, ConversionContext ctx) {
        addOver(ctx, "shift", new LinearNode(LayerKind.NORMALIZATION, new ScaleShiftOp(1, s.getShiftFactor()), true));
    }

    /** ReshapeVertex. */
    static void reshape(ReshapeVertex r, ConversionContext ctx) {
        addOver(ctx, "reshape", shape(reshape(r.getReshapeOrder(), r.getNewShape())));
    }

    /** PoolHelperVertex: drops the first row and column of NCHW activations (GoogLeNet imports). */
    static void poolHelper(PoolHelperVertex p, ConversionContext ctx) {
        addOver(ctx, "poolHelper", shape(ShapeOps.crop(new int[] {0, 0, 1, 1}, new int[] {0, 0, 0, 0})));
    }

    /** A vertex without a converter: the error names it, lists what is supported and says why, where known. */
    public static UnsupportedLayerException unsupported(GraphVertex vertex, ConversionContext ctx) {
        return ctx.unsupported(vertex.getClass().getSimpleName() + " is not supported (supported vertices: layers, "
                + Converters.supportedVertexNames() + ", PreprocessorVertex, FrozenVertex; others can be added with "
                + "Converters.registerVertex)" + reason(vertex));
    }

    private static void addOver(ConversionContext ctx, String what, RuleNode node) {
        ctx.add(what, node, ctx.inputs().toArray(String[]::new));
    }

    private static String reason(GraphVertex v) {
        String name = v.getClass().getSimpleName();
        return switch (name) {
            case "L2NormalizeVertex", "L2Vertex" -> ": it divides by a norm over many activations, so it is not "
                    + "elementwise and has no exact DeepLIFT rule";
            case "StackVertex", "UnstackVertex" -> ": it moves data across the batch axis, which has no "
                    + "per-example meaning";
            default -> "";
        };
    }

    private static RuleNode shape(ShapeOp op) {
        return new LinearNode(LayerKind.RESHAPE, op, true);
    }

    /** Features {@code from..to} (inclusive) along axis 1; the transpose puts them back among zeros. */
    private static ShapeOp subset(int from, int to) {
        return new ShapeOp("subset[" + from + ".." + to + "]",
                x -> x.get(index(x.rank(), NDArrayIndex.interval(from, to + 1))).dup(),
                (m, in) -> {
                    var full = org.nd4j.linalg.factory.Nd4j.zeros(m.dataType(), in.shape());
                    full.put(index(in.rank(), NDArrayIndex.interval(from, to + 1)), m);
                    return full;
                });
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] index(int rank,
                                                                  org.nd4j.linalg.indexing.INDArrayIndex axis1) {
        var idx = new org.nd4j.linalg.indexing.INDArrayIndex[rank];
        Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = axis1;
        return idx;
    }

    private static ShapeOp reshape(char order, int[] newShape) {
        return new ShapeOp("reshape" + Arrays.toString(newShape), x -> {
            long[] s = Arrays.stream(newShape).asLongStream().toArray();
            s[0] = x.size(0);
            return x.dup(order).reshape(order, s);
        }, (m, in) -> m.dup(order).reshape(order, in.shape()));
    }

    /** Adds a concatenation of several inputs along axis 1 and returns its name (layers with several inputs). */
    public static String concatInputs(NodeGraphBuilder builder, String name, String... inputs) {
        builder.addNode(name, new ConcatNode(1), inputs);
        return name;
    }
}
