package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import dev.deeplift.core.nodes.MaskMergeNode;
import dev.deeplift.core.nodes.recurrent.SequenceMaskNode;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;

/**
 * DL4J's {@code AttentionVertex} over (queries, keys, values): {@code MHA} or {@code DPA} as
 * {@link AttentionNodes} builds it, with the key mask {@code min(keys' mask, values' mask)} (an unmasked input
 * counts as all ones), the output multiplied by the queries' mask (masked query steps are exactly 0), and the
 * queries' mask passed on, as DL4J does.
 */
final class AttentionVertexConverter implements VertexConverter<AttentionVertex> {

    @Override
    public void convert(AttentionVertex vertex, ConversionContext ctx) {
        throw ctx.unsupported("an AttentionVertex needs its parameters: convert it with the graph's vertex");
    }

    @Override
    public void convert(AttentionVertex vertex, GraphVertex runtime, ConversionContext ctx) {
        List<String> in = ctx.inputs();
        if (in.size() != 3) {
            throw ctx.unsupported("an AttentionVertex takes queries, keys and values, got " + in.size() + " inputs");
        }
        List<String> masks = ctx.inputMasks();
        String keys = masks.get(1);
        String values = masks.get(2);
        String keyMask = keys == null || values == null || keys.equals(values) ? (keys == null ? values : keys)
                : ctx.addBeside("keyMask", MaskMergeNode.min(), keys, values);
        AttentionNodes.Projections p = vertex.isProjectInput()
                ? AttentionNodes.Projections.of(runtime.paramTable(false)) : null;
        String out = AttentionNodes.attention(ctx, in.get(0), in.get(1), in.get(2), keyMask, p);
        String queryMask = masks.get(0);
        if (queryMask != null) {
            ctx.add("queryMask", new SequenceMaskNode(Layout.NCW), out, queryMask);
        }
        ctx.setMask(queryMask);
        ctx.setSequence(Layout.NCW);
    }
}
