package dev.deeplift.dl4j.convert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PoolHelperVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
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
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
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
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;

/**
 * The tables from DL4J layer and vertex configuration classes to converters: a new kind is one converter plus one
 * registration. Lookup is by exact class, so a subclass with different behaviour is never silently treated as its
 * parent.
 *
 * <p>The tables are open: a user with a custom layer or vertex registers a converter for it once, before calling
 * {@code DeepLift.of}, and every explainer made afterwards uses it (see the README's "Adding a layer"):
 *
 * <pre>{@code
 * Converters.register(MyScaleLayer.class, (layer, conf, ctx) ->
 *         ctx.add("scale", new LinearNode(LayerKind.NORMALIZATION, new MyScaleOp(layer.getParam("W")), true)));
 * }</pre>
 *
 * <p>Registering a class again replaces its converter, also a built-in one. The tables are safe to use from many
 * threads.
 */
public final class Converters {
    private static final Map<Class<? extends Layer>, LayerConverter<?>> TABLE =
            Collections.synchronizedMap(new LinkedHashMap<>());
    private static final Map<Class<? extends GraphVertex>, VertexConverter<?>> VERTICES =
            Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        register(DenseLayer.class, new DenseConverter());
        register(OutputLayer.class, new DenseConverter());
        register(CenterLossOutputLayer.class, new DenseConverter());
        register(LossLayer.class, (layer, conf, ctx) -> ctx.addActivation(conf.getActivationFn()));
        register(ActivationLayer.class, (layer, conf, ctx) -> ctx.addActivation(conf.getActivationFn()));
        // Dropout is the identity at inference; DL4J masks its rows between RnnToFeedForward and FeedForwardToRnn.
        register(DropoutLayer.class, (layer, conf, ctx) -> {
            if (ctx.perStep() && ctx.mask() != null) {
                ctx.add("maskSteps", new dev.deeplift.core.nodes.recurrent.SequenceMaskNode(
                        dev.deeplift.core.Layout.NCW), ctx.current(), ctx.mask());
            }
        });
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
        register(EmbeddingLayer.class, new EmbeddingConverter());
        register(EmbeddingSequenceLayer.class, new EmbeddingConverter());
        register(LocalResponseNormalization.class, (layer, conf, ctx) -> {
            throw ctx.unsupported("local response normalization divides each activation by a sum over "
                    + "neighbouring channels, so it is not elementwise and has no exact DeepLIFT rule; "
                    + "replace it with BatchNormalization or remove it");
        });
        register(SelfAttentionLayer.class, new SelfAttentionConverter());
        register(RecurrentAttentionLayer.class, new RecurrentAttentionConverter());
        register(LearnedSelfAttentionLayer.class, (layer, conf, ctx) -> {
            throw ctx.unsupported("DL4J 1.0.0-M2.1 cannot run this layer: its forward pass fails in scatter_update "
                    + "(the layer builds its tile multiples with a scatter_update call that passes libnd4j's legacy "
                    + "op no integer arguments), in output() and fit() alike, so there is no prediction to explain; "
                    + "a SelfAttentionLayer or an AttentionVertex with constant queries computes attention that runs");
        });
        registerVertex(AttentionVertex.class, new AttentionVertexConverter());
        register(LSTM.class, RecurrentConverters::lstm);
        register(GravesLSTM.class, RecurrentConverters::lstm);
        register(SimpleRnn.class, RecurrentConverters::simpleRnn);
        register(GravesBidirectionalLSTM.class, RecurrentConverters::gravesBidirectional);
        register(Bidirectional.class, RecurrentConverters::bidirectional);
        register(LastTimeStep.class, RecurrentConverters::lastTimeStep);
        register(MaskZeroLayer.class, RecurrentConverters::maskZero);
        register(TimeDistributed.class, RecurrentConverters::timeDistributed);
        register(RnnOutputLayer.class, RecurrentConverters::rnnOutput);
        register(RnnLossLayer.class, RecurrentConverters::rnnLoss);
        registerVertex(MergeVertex.class, VertexConverters::merge);
        registerVertex(ElementWiseVertex.class, VertexConverters::elementWise);
        registerVertex(SubsetVertex.class, VertexConverters::subset);
        registerVertex(ScaleVertex.class, VertexConverters::scale);
        registerVertex(ShiftVertex.class, VertexConverters::shift);
        registerVertex(ReshapeVertex.class, VertexConverters::reshape);
        registerVertex(PoolHelperVertex.class, VertexConverters::poolHelper);
        registerVertex(LastTimeStepVertex.class, SequenceVertexConverters::lastTimeStep);
        registerVertex(DuplicateToTimeSeriesVertex.class, SequenceVertexConverters::duplicateToTimeSeries);
        registerVertex(ReverseTimeSeriesVertex.class, SequenceVertexConverters::reverseTimeSeries);
    }

    private Converters() {
    }

    /**
     * Makes a layer configuration class explainable: {@code DeepLift.of} then converts every layer of exactly that
     * class with {@code converter}.
     *
     * @param type      the layer's configuration class (a subclass of DL4J's {@code Layer})
     * @param converter appends the layer's rule nodes; it reads the runtime layer's parameters, never writes them
     */
    public static <C extends Layer> void register(Class<C> type, LayerConverter<? super C> converter) {
        TABLE.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(converter, "converter"));
    }

    /**
     * Makes a ComputationGraph vertex configuration class explainable.
     *
     * @param type      the vertex's configuration class (a subclass of DL4J's {@code GraphVertex})
     * @param converter appends the vertex's rule nodes, reading {@link ConversionContext#inputs()}
     */
    public static <V extends GraphVertex> void registerVertex(Class<V> type, VertexConverter<? super V> converter) {
        VERTICES.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(converter, "converter"));
    }

    /** The converter for a layer configuration class, if supported. */
    @SuppressWarnings("unchecked")
    public static <C extends Layer> Optional<LayerConverter<C>> forClass(Class<C> type) {
        return Optional.ofNullable((LayerConverter<C>) TABLE.get(type));
    }

    /** The converter for a vertex configuration class, if supported. */
    @SuppressWarnings("unchecked")
    public static <V extends GraphVertex> Optional<VertexConverter<V>> forVertex(Class<V> type) {
        return Optional.ofNullable((VertexConverter<V>) VERTICES.get(type));
    }

    /** The simple names of every supported layer configuration class, for error messages and docs. */
    public static String supportedNames() {
        synchronized (TABLE) {
            return TABLE.keySet().stream()
                    .filter(c -> c != LocalResponseNormalization.class && c != LearnedSelfAttentionLayer.class)
                    .map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    /** The simple names of every supported vertex configuration class. */
    public static String supportedVertexNames() {
        synchronized (VERTICES) {
            return VERTICES.keySet().stream().map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("");
        }
    }

    /**
     * True if the layer is the identity at inference: dropout, and loss and activation layers whose activation is
     * the identity. Trailing ones do not hide the output activation: in {@code Dense → ActivationLayer(softmax) →
     * LossLayer} (what the Keras import makes of {@code Dense} and {@code Activation('softmax')}) the softmax is the
     * output activation and the dense layer's units are the targets.
     */
    public static boolean isInferenceIdentity(Layer conf) {
        if (conf instanceof DropoutLayer) {
            return true;
        }
        if (conf instanceof LossLayer l) {
            return isIdentity(l.getActivationFn());
        }
        if (conf instanceof ActivationLayer a) {
            return isIdentity(a.getActivationFn());
        }
        return false;
    }

    private static boolean isIdentity(org.nd4j.linalg.activations.IActivation a) {
        return a == null || a instanceof org.nd4j.linalg.activations.impl.ActivationIdentity;
    }
}
