package dev.deeplift.keras;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * Sets each pooling layer's type to the one its Keras class names.
 *
 * <p>Why: DL4J 1.0.0-M2.1 imports {@code AveragePooling1D} as MAX pooling. {@code KerasPooling1D} maps the class
 * name correctly ({@code KerasPoolingUtils.mapPoolingType} gives AVG) and passes it to
 * {@code new Subsampling1DLayer.Builder(PoolingType)}, but that constructor delegates to
 * {@code Builder(PoolingType, int, int, int)}, which sets kernel, stride and padding and never assigns the pooling
 * type: the builder keeps its default, MAX. (The constructors taking {@code SubsamplingLayer.PoolingType} do assign
 * it; the 2D, 3D and global pooling imports use other builders and come out right.) Only the configuration is
 * wrong, and pooling has no parameters, so setting the type before the network is built is exact.
 */
final class PoolingTypeCorrection implements ImportCorrection {

    @Override
    public Optional<String> apply(KerasLayerSpec keras, Layer dl4j) {
        PoolingType expected = kerasPoolingType(keras.className());
        if (expected == null) {
            return Optional.empty();
        }
        PoolingType imported;
        if (dl4j instanceof SubsamplingLayer s) {
            imported = s.getPoolingType();
            s.setPoolingType(expected);
        } else if (dl4j instanceof GlobalPoolingLayer g) {
            imported = g.getPoolingType();
            g.setPoolingType(expected);
        } else {
            return Optional.empty();
        }
        return imported == expected ? Optional.empty()
                : Optional.of(keras.className() + " '" + keras.name() + "' was imported as " + imported
                        + " pooling; set to " + expected);
    }

    /** The pooling type a Keras pooling class computes, or null for a class that is no (max/average) pooling. */
    static PoolingType kerasPoolingType(String kerasClass) {
        if (kerasClass.startsWith("AveragePooling") || kerasClass.startsWith("GlobalAveragePooling")) {
            return PoolingType.AVG;
        }
        if (kerasClass.startsWith("MaxPooling") || kerasClass.startsWith("GlobalMaxPooling")) {
            return PoolingType.MAX;
        }
        return null;
    }

    @Override
    public boolean changesInference() {
        return true;
    }
}
