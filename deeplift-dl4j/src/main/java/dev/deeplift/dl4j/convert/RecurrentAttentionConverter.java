package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.nodes.ConcatNode;
import dev.deeplift.core.nodes.ElementwiseNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.nodes.LinearSumNode;
import dev.deeplift.core.ops.FeatureMapOp;
import dev.deeplift.core.ops.LinearOp;
import dev.deeplift.core.ops.TimeStepOp;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@code RecurrentAttentionLayer}, unrolled over its fixed number of time steps {@code T}:
 * <pre>
 * z_0 = x_0·W + b
 * z_t = x_t·W + b + attn(query h_{t−1}, keys = values = x at all T steps, key mask)·RW      (t ≥ 1)
 * h_t = act(z_t),   output [h_0 … h_{T−1}]  [N, nOut, T]
 * </pre>
 * {@code z_t} is one Linear node of kind {@link LayerKind#RECURRENT} over {@code x} and the attention output (the
 * bias carries nothing), {@code act} takes the policy's rule for that kind, and each step's attention is
 * {@link AttentionNodes}' (rules of kind {@link LayerKind#ATTENTION}); the keys' and values' projections of
 * {@code x} are computed once. Masked steps are computed (the mask removes keys only) and the mask passes on.
 *
 * <p>DL4J fixes {@code T} at the layer's first forward pass and refuses any other length afterwards; the layer is
 * unrolled for that {@code T}, so a network that has never run (or been fitted) is refused. The activation is what
 * DL4J's SameDiff definition applies: its builder's own (default TANH, not the network's), with LEAKYRELU as plain
 * ReLU (DL4J passes alpha 0); SOFTMAX, which is not elementwise, is refused.
 */
final class RecurrentAttentionConverter implements LayerConverter<RecurrentAttentionLayer> {

    @Override
    public void convert(Layer layer, RecurrentAttentionLayer conf, ConversionContext ctx) {
        int steps = conf.getTimeSteps();
        if (steps <= 0) {
            throw ctx.unsupported("DL4J fixes this layer's number of time steps at its first forward pass, and it "
                    + "has not run yet: call output() (or fit) once with sequences of the length to explain, then "
                    + "DeepLift.of");
        }
        ElementwiseFunction act = activation(conf.getActivation(), ctx);
        Map<String, INDArray> params = layer.paramTable();
        INDArray w = params.get("W");
        INDArray rw = params.get("RW");
        INDArray b = conf.isHasBias() ? params.get("b") : null;
        long nOut = w.size(1);
        AttentionNodes.Projections p = conf.isProjectInput() ? AttentionNodes.Projections.of(params) : null;
        String x = ctx.current();
        String mask = ctx.mask();
        String keys = AttentionNodes.heads(ctx, "Wk", x, p == null ? null : p.wk());
        String values = p == null ? keys : AttentionNodes.heads(ctx, "Wv", x, p.wv());
        LinearOp recurrent = new FeatureMapOp(rw, true, null, nOut);
        String[] outputs = new String[steps];
        for (int t = 0; t < steps; t++) {
            LinearOp input = new TimeStepOp(new FeatureMapOp(w, true, b, nOut), t);
            String z;
            if (t == 0) {
                z = ctx.add("z0", new LinearNode(LayerKind.RECURRENT, input), x);
            } else {
                String query = AttentionNodes.heads(ctx, "Wq" + t, outputs[t - 1], p == null ? null : p.wq());
                String attended = AttentionNodes.merge(ctx, AttentionNodes.attend(ctx, query, keys, values, mask),
                        p == null ? null : p.wo());
                z = ctx.add("z" + t, new LinearSumNode(LayerKind.RECURRENT, List.of(input, recurrent)), x, attended);
            }
            outputs[t] = act.isIdentity() ? z : ctx.add(act.name() + t, new ElementwiseNode(act), z);
        }
        if (steps > 1) {
            ctx.add("steps", new ConcatNode(2), outputs);
        } else {
            ctx.setCurrent(outputs[0]);
        }
        ctx.setSequence(Layout.NCW);
    }

    /** The activation DL4J's {@code Activation.asSameDiff} applies. */
    private static ElementwiseFunction activation(Activation a, ConversionContext ctx) {
        if (a == Activation.SOFTMAX) {
            throw ctx.unsupported("its activation SOFTMAX normalises over the features of each step, which has no "
                    + "elementwise rule here");
        }
        IActivation f = a == Activation.LEAKYRELU ? new ActivationReLU() : a.getActivationFunction();
        return ElementwiseFunctions.fromActivation(f).orElseThrow(() -> ctx.unsupported("its activation " + a
                + " is not elementwise (or not known to be)"));
    }
}
