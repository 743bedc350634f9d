package dev.deeplift.bench.experiments.mnist;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Logits and log-odds of a softmax classifier. For a softmax output the log-odds of class {@code t} against class
 * {@code o} are {@code log(p_t / p_o) = z_t − z_o}, the difference of their logits, so they are computed from the
 * logits directly: no probability is formed, and none can round to 0 in FLOAT.
 */
public final class LogOdds {
    private LogOdds() {
    }

    /**
     * The logits (the output layer's pre-activation) of a network whose last layer is a dense {@link OutputLayer}:
     * the activations entering that layer (in inference mode) times its weights, plus its bias.
     *
     * @return {@code [N, classes]}
     */
    public static INDArray logits(MultiLayerNetwork net, INDArray x) {
        int last = net.getnLayers() - 1;
        if (!(net.getLayerWiseConfigurations().getConf(last).getLayer() instanceof OutputLayer)) {
            throw new IllegalArgumentException("The last layer must be a dense OutputLayer, got "
                    + net.getLayerWiseConfigurations().getConf(last).getLayer().getClass().getSimpleName());
        }
        INDArray a;
        if (last == 0) {
            a = x;
        } else {
            List<INDArray> activations = net.feedForwardToLayer(last - 1, x, false);
            a = activations.get(activations.size() - 1);
        }
        InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(last);
        if (pre != null) {
            a = pre.preProcess(a, (int) x.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        Layer output = net.getLayer(last);
        return a.mmul(output.getParam("W")).addiRowVector(output.getParam("b"));
    }

    /** Per example, {@code z_target − z_original}: the log-odds of the target class against the original one. */
    public static double[] of(INDArray logits, int target, int original) {
        int n = (int) logits.size(0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = logits.getDouble(i, target) - logits.getDouble(i, original);
        }
        return out;
    }

    /** Per example, {@code after − before}: how far the log-odds moved toward the target. */
    public static double[] increase(double[] before, double[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException(before.length + " values before but " + after.length + " after");
        }
        double[] out = new double[before.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = after[i] - before[i];
        }
        return out;
    }
}
