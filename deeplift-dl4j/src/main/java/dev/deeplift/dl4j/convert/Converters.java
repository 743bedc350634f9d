package dev.deeplift.dl4j.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1D;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;

/**
 * The one table from DL4J layer configuration classes to converters: a new layer kind is one converter plus one
 * line here. Lookup is by exact class, so a subclass with different behaviour is never silently treated as its
 * parent.
 */
public final class Converters {
    private static final Map<Class<? extends Layer>, LayerConverter<?>> TABLE = new LinkedHashMap<>();

    static {
        register(DenseLayer.class, new DenseConverter());
        register(OutputLayer.class, new DenseConverter());
        register(CenterLossOutputLayer.class, new DenseConverter());
        register(LossLayer.class, (layer, conf, ctx) -> ctx.addActivation(conf.getActivationFn()));
        register(ActivationLayer.class, (layer, conf, ctx) -> ctx.addActivation(conf.getActivationFn()));
        // Dropout is the identity at inference.
        register(DropoutLayer.class, (layer, conf, ctx) -> { });
        register(CnnLossLayer.class, (layer, conf, ctx) -> ctx.addActivation(conf.getActivationFn()));
        register(ConvolutionLayer.class, new ConvolutionConverter());
        register(Convolution1DLayer.class, new ConvolutionConverter());
        register(Convolution1D.class, new ConvolutionConverter());
        register(DepthwiseConvolution2D.class, new DepthwiseConverter());
        register(SeparableConvolution2D.class, new SeparableConverter());
        register(Deconvolution2D.class, new DeconvolutionConverter());
        register(SubsamplingLayer.class, new SubsamplingConverter());
        register(Subsampling1DLayer.class, new SubsamplingConverter());
        register(GlobalPoolingLayer.class, new GlobalPoolingConverter());
        register(BatchNormalization.class, new BatchNormConverter());
        register(ZeroPaddingLayer.class, ReshapingConverters.ZERO_PADDING_2D);
        register(ZeroPadding1DLayer.class, ReshapingConverters.ZERO_PADDING_1D);
        register(Cropping2D.class, ReshapingConverters.CROPPING_2D);
        register(Cropping1D.class, ReshapingConverters.CROPPING_1D);
        register(Upsampling2D.class, ReshapingConverters.UPSAMPLING_2D);
        register(Upsampling1D.class, ReshapingConverters.UPSAMPLING_1D);
        register(SpaceToDepthLayer.class, ReshapingConverters.SPACE_TO_DEPTH);
        register(PReLULayer.class, new PReLUConverter());
        register(LocalResponseNormalization.class, (layer, conf, ctx) -> {
            throw ctx.unsupported("local response normalization divides each activation by a sum over "
                    + "neighbouring channels, so it is not elementwise and has no exact DeepLIFT rule; "
                    + "replace it with BatchNormalization or remove it");
        });
    }

    private Converters() {
    }

    private static <C extends Layer> void register(Class<C> type, LayerConverter<? super C> converter) {
        TABLE.put(type, converter);
    }

    /** The converter for a configuration class, if supported. */
    @SuppressWarnings("unchecked")
    public static <C extends Layer> Optional<LayerConverter<C>> forClass(Class<C> type) {
        return Optional.ofNullable((LayerConverter<C>) TABLE.get(type));
    }

    /** The simple names of every supported configuration class, for error messages and docs. */
    public static String supportedNames() {
        return TABLE.keySet().stream().filter(c -> c != LocalResponseNormalization.class).map(Class::getSimpleName)
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** True if the layer is the identity at inference (so a trailing one does not hide the output activation). */
    public static boolean isInferenceIdentity(Layer conf) {
        return conf instanceof DropoutLayer;
    }
}
