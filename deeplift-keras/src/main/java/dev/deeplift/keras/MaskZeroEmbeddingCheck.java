package dev.deeplift.keras;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;

/**
 * Refuses a Keras {@code Embedding(mask_zero=True)} whose output DL4J's import does not mask.
 *
 * <p>Why: in Keras, {@code mask_zero=True} leaves the embedding of token 0 as it is and passes a mask (token ≠ 0)
 * to the layers downstream, which skip or exclude the masked steps (recurrent layers, global pooling, attention).
 * DL4J 1.0.0-M2.1's {@code KerasEmbedding.setWeights} instead zeroes row 0 of the embedding matrix, and only a
 * recurrent layer directly after the embedding ({@code LSTM}, {@code SimpleRNN}) is wrapped in a
 * {@code MaskZeroLayer} that derives a mask from those zero rows. Anywhere else the imported network computes with
 * a zero vector for token 0 and no mask: neither what Keras computes (a masked mean over the real tokens for
 * {@code GlobalAveragePooling1D}, the true row 0 for layers that ignore masks) nor anything DeepLIFT could correct
 * after the fact, so the import is refused. The way out: save the model with {@code mask_zero=False} (same
 * weights) and pass the mask {@code tokens ≠ 0} as the feature mask, to DL4J's {@code output} and to
 * {@code DeepLift.explain(tokens, reference, target, featureMask)}. The {@code MaskZeroLayer} case is left to the
 * recurrent layers (whose masked semantics are DL4J's reset-at-padding, see the README's "Masks").
 */
final class MaskZeroEmbeddingCheck {
    private MaskZeroEmbeddingCheck() {
    }

    /**
     * @param imported the layers DL4J's import made, in order, with their inbound layer names
     * @param declared the layers the Keras JSON declares, by name
     * @throws KerasImportException naming the embedding and the layer reading it unmasked
     */
    static void check(List<KerasLayer> imported, Map<String, KerasLayerSpec> declared) {
        for (KerasLayer embedding : imported) {
            KerasLayerSpec spec = declared.get(embedding.getLayerName());
            if (spec == null || !"Embedding".equals(spec.className())
                    || !spec.config().path("mask_zero").asBoolean(false)) {
                continue;
            }
            for (KerasLayer reader : imported) {
                List<String> inbound = reader.getInboundLayerNames();
                if (inbound != null && inbound.contains(embedding.getLayerName())
                        && !(reader.getLayer() instanceof MaskZeroLayer)) {
                    throw new KerasImportException("Embedding '" + embedding.getLayerName() + "' has mask_zero=True, "
                            + "and its output goes to '" + reader.getLayerName() + "' (" + reader.getClassName()
                            + "), which DL4J's import does not mask: DL4J zeroes the embedding of token 0 instead, so "
                            + "the imported network would compute something else than the Keras model. Save the "
                            + "model with mask_zero=False and give the mask (tokens != 0) as the feature mask",
                            null);
                }
            }
        }
    }
}
