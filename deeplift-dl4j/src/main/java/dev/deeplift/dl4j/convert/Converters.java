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
        return TABLE.keySet().stream().map(Class::getSimpleName).reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** True if the layer is the identity at inference (so a trailing one does not hide the output activation). */
    public static boolean isInferenceIdentity(Layer conf) {
        return conf instanceof DropoutLayer;
    }
}
