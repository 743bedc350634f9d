package dev.deeplift.dl4j.convert;

import org.deeplearning4j.nn.conf.graph.GraphVertex;

/**
 * Turns one non-layer ComputationGraph vertex into rule nodes appended to a {@link ConversionContext}: the nodes
 * read {@link ConversionContext#inputs()} (the nodes of the vertices feeding it, in order), and the last node added
 * holds the vertex's output. One implementation per vertex configuration class, registered in {@link Converters}.
 *
 * <pre>{@code
 * Converters.registerVertex(MyMeanVertex.class,
 *         (vertex, ctx) -> ctx.add("mean", WeightedSumNode.mean(ctx.inputs().size()), ctx.inputs().toArray(String[]::new)));
 * }</pre>
 *
 * @param <V> the vertex's configuration class
 */
@FunctionalInterface
public interface VertexConverter<V extends GraphVertex> {

    /**
     * @param vertex the vertex configuration
     * @param ctx    where the nodes go; {@link ConversionContext#where()} names the vertex for messages
     */
    void convert(V vertex, ConversionContext ctx);

    /**
     * Converts a vertex given also its runtime instance in the graph, whose parameters the nodes read (never write):
     * vertices with parameters, such as {@code AttentionVertex}, override this; others need only the configuration.
     *
     * @param runtime the graph's vertex of that name
     */
    default void convert(V vertex, org.deeplearning4j.nn.graph.vertex.GraphVertex runtime, ConversionContext ctx) {
        convert(vertex, ctx);
    }
}
