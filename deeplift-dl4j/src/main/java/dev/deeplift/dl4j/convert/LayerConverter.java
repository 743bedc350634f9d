package dev.deeplift.dl4j.convert;

import org.deeplearning4j.nn.api.Layer;

/**
 * Turns one DL4J layer into rule nodes appended to a {@link ConversionContext}. One implementation per layer
 * configuration class, registered in {@link Converters}.
 *
 * @param <C> the layer's configuration class
 */
@FunctionalInterface
public interface LayerConverter<C extends org.deeplearning4j.nn.conf.layers.Layer> {

    /**
     * @param layer the runtime layer, whose parameters the nodes read (never write)
     * @param conf  its configuration
     * @param ctx   where the nodes go
     */
    void convert(Layer layer, C conf, ConversionContext ctx);
}
