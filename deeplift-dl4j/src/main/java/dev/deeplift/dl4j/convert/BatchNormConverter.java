package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ChannelAffineOp;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code BatchNormalization} at inference: per channel {@code y = γ(x − μ)/σ + β} with the running statistics,
 * an affine map (DL4J's own backprop would use batch statistics, which inference does not). With
 * {@code useLogStd} the layer stores {@code log10 s} and DL4J divides by {@code sqrt(s² + ε)}; otherwise by
 * {@code sqrt(var + ε)}. The statistics are read at
 * every call and never written.
 */
final class BatchNormConverter implements LayerConverter<BatchNormalization> {

    @Override
    public void convert(Layer layer, BatchNormalization conf, ConversionContext ctx) {
        boolean channelsLast = conf.getCnn2DFormat() == CNN2DFormat.NHWC;
        ctx.add("batchNorm", new LinearNode(LayerKind.NORMALIZATION,
                new ChannelAffineOp(() -> coefficients(layer, conf), channelsLast), true));
        // DL4J's BatchNormalization layer never applies the activation its configuration carries.
    }

    private static ChannelAffineOp.Coefficients coefficients(Layer layer, BatchNormalization conf) {
        INDArray mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        // With useLogStd DL4J turns the stored log10 σ back into a variance and still adds ε: sqrt(σ² + ε).
        INDArray var = conf.isUseLogStd()
                ? Transforms.pow(Nd4j.valueArrayOf(mean.shape(), 10.0, mean.dataType()),
                        layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).mul(2), false)
                : layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
        INDArray std = Transforms.sqrt(var.add(conf.getEps()), false);
        INDArray gamma = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(mean.shape(), conf.getGamma(), mean.dataType())
                : layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        INDArray beta = conf.isLockGammaBeta() ? Nd4j.valueArrayOf(mean.shape(), conf.getBeta(), mean.dataType())
                : layer.getParam(BatchNormalizationParamInitializer.BETA);
        INDArray scale = gamma.reshape(gamma.length()).div(std.reshape(std.length()));
        INDArray shift = beta.reshape(beta.length()).sub(mean.reshape(mean.length()).mul(scale));
        return new ChannelAffineOp.Coefficients(scale, shift);
    }
}
