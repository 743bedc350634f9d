package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import dev.deeplift.core.graph.TokenSpec;
import dev.deeplift.core.nodes.EmbeddingNode;
import dev.deeplift.core.nodes.TimeMaskNode;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code EmbeddingLayer} ({@code [N, 1]} token indices to {@code [N, D]}) and {@code EmbeddingSequenceLayer}
 * ({@code [N, T]} or {@code [N, 1, T]} to {@code [N, D, T]}, or {@code [N, T, D]} with NWC output): an
 * {@link EmbeddingNode} (lookup plus bias, the Linear rule), the layer's activation, and for sequences the feature
 * mask, which DL4J applies to the output after the activation. The layer must read a network input, which becomes
 * a token input; the vocabulary is the weight matrix's row count (what DL4J checks indices against, also where
 * {@code setInputType} replaced the configured {@code nIn}).
 */
final class EmbeddingConverter implements LayerConverter<FeedForwardLayer> {

    @Override
    public void convert(Layer layer, FeedForwardLayer conf, ConversionContext ctx) {
        INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (w == null || w.rank() != 2) {
            throw ctx.unsupported("it has no [vocabulary, D] weight parameter \"W\"");
        }
        INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
        if (!(conf instanceof EmbeddingSequenceLayer seq)) {
            ctx.tokenInput(TokenSpec.single(w.size(0), w.size(1)));
            ctx.add("embedding", new EmbeddingNode(w, b, false, false));
            ctx.addActivation(conf.getActivationFn());
            return;
        }
        boolean nwc = seq.getOutputFormat() == RNNFormat.NWC;
        long length = seq.isInferInputLength() ? -1 : seq.getInputLength();
        int input = ctx.tokenInput(TokenSpec.sequence(w.size(0), length, w.size(1), nwc));
        ctx.add("embedding", new EmbeddingNode(w, b, true, nwc));
        String maskInput = ctx.maskInput(input, -1);
        TimeMaskNode mask = new TimeMaskNode(nwc ? 1 : 2);
        if (ctx.isLastLayer()) {
            // The targets are scored before the output activation: they are masked too (DL4J masks after it).
            ctx.add("mask", mask, ctx.current(), maskInput);
        }
        String beforeActivation = ctx.current();
        ctx.addActivation(conf.getActivationFn());
        if (!ctx.isLastLayer() || !ctx.current().equals(beforeActivation)) {
            // act(z)·m, as DL4J; after a masked pre-activation act(z·m)·m is the same, m being 0 or 1.
            ctx.add("mask", mask, ctx.current(), maskInput);
        }
        ctx.setMask(maskInput);
        if (!ctx.isLastLayer()) {
            // Layers after it read sequences (per-step dense layers, pooling over time); as a network's output its
            // units stay flat targets.
            ctx.setSequence(nwc ? Layout.NWC : Layout.NCW);
        }
    }
}
