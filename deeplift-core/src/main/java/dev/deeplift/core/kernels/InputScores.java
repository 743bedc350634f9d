package dev.deeplift.core.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scores of a pair of activations (an input's, or a hidden node's), {@code m · (x − x_ref)}, in one Java pass
 * over FLOAT arrays read in place, with the bits of ND4J's {@code sub} then {@code mul} (each a float operation, in
 * that order). On one example the two ND4J ops and the delta array between them cost more than the arithmetic; larger
 * batches are split over the kernel pool by examples.
 */
public final class InputScores {
    private InputScores() {
    }

    /**
     * A new array {@code m · (x − ref)} in the current workspace, or null where this does not apply (not FLOAT,
     * shapes other than {@code m} and {@code x} alike with {@code ref} of one or of {@code N} rows of the same
     * features, a layout not read in place, Java paths {@linkplain Kernels#javaPaths() off}): the caller then runs
     * ND4J.
     */
    public static INDArray of(INDArray m, INDArray x, INDArray ref) {
        if (!Kernels.javaPaths() || !DenseFloats.floats(m, x, ref) || !m.equalShapes(x) || x.rank() < 1) {
            return null;
        }
        int n = (int) x.size(0);
        long features = x.length() / n;
        long refRows = ref.size(0);
        if ((refRows != 1 && refRows != n) || ref.length() != refRows * features || features > Integer.MAX_VALUE) {
            return null;
        }
        FloatBuffer mb = DenseFloats.write(m);
        FloatBuffer xb = DenseFloats.write(x);
        FloatBuffer rb = DenseFloats.write(ref);
        if (mb == null || xb == null || rb == null) {
            return null;
        }
        INDArray scores = DenseFloats.create(x.shape());
        FloatBuffer out = DenseFloats.write(scores);
        if (out == null) {
            return null;
        }
        int f = (int) features;
        KernelPool.forExamples(n, x.length(), (from, to) -> {
            int block = Math.min(f, DenseFloats.BLOCK);
            float[] mv = new float[block];
            float[] xv = new float[block];
            float[] rv = new float[block];
            for (int i = from; i < to; i++) {
                int refRow = refRows == 1 ? 0 : i;
                for (int start = 0; start < f; start += block) {
                    int len = Math.min(block, f - start);
                    mb.get(i * f + start, mv, 0, len);
                    xb.get(i * f + start, xv, 0, len);
                    rb.get(refRow * f + start, rv, 0, len);
                    for (int k = 0; k < len; k++) {
                        float d = xv[k] - rv[k];
                        mv[k] = mv[k] * d;
                    }
                    out.put(i * f + start, mv, 0, len);
                }
            }
        });
        return scores;
    }
}
