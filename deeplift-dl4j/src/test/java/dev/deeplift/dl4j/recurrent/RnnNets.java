package dev.deeplift.dl4j.recurrent;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small DOUBLE recurrent networks with deterministic parameters, sequences and masks for the tests. */
final class RnnNets {
    private RnnNets() {
    }

    /** A chain of layers as a MultiLayerNetwork, every parameter uniform in [−0.8, 0.8]. */
    static MultiLayerNetwork mln(long seed, Layer... layers) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(seed).weightInit(WeightInit.XAVIER).list();
        for (Layer l : layers) {
            b.layer(l);
        }
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        randomise(net.params(), seed);
        return net;
    }

    /** The same chain as a ComputationGraph "in" → "L0" → "L1" → ...; workspaces off (TimeDistributed needs it). */
    static ComputationGraph graph(long seed, Layer... layers) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(seed).weightInit(WeightInit.XAVIER).inferenceWorkspaceMode(WorkspaceMode.NONE)
                .trainingWorkspaceMode(WorkspaceMode.NONE).graphBuilder().addInputs("in");
        String prev = "in";
        for (int i = 0; i < layers.length; i++) {
            b.addLayer("L" + i, layers[i], prev);
            prev = "L" + i;
        }
        b.setOutputs(prev);
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        randomise(g.params(), seed);
        return g;
    }

    static void randomise(INDArray params, long seed) {
        Random r = new Random(seed);
        double[] v = new double[(int) params.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (r.nextDouble() * 2 - 1) * 0.8;
        }
        params.assign(Nd4j.createFromArray(v).reshape(params.shape()).castTo(params.dataType()));
    }

    /** Uniform values in [−1, 1): {@code [n][t][c]}. */
    static double[][][] sequences(long seed, int n, int t, int c) {
        Random r = new Random(seed);
        double[][][] x = new double[n][t][c];
        for (double[][] a : x) {
            for (double[] s : a) {
                for (int j = 0; j < c; j++) {
                    s[j] = r.nextDouble() * 2 - 1;
                }
            }
        }
        return x;
    }

    /**
     * Masks of 4 examples: full, right-padded, left-padded, and with gaps (T ≥ 4); for T = 1 all real. Every example
     * keeps a real step.
     */
    static double[][] masks(int t) {
        double[][] m = new double[4][t];
        for (int s = 0; s < t; s++) {
            m[0][s] = 1;
            m[1][s] = s < Math.max(1, t - 3) ? 1 : 0;
            m[2][s] = s >= Math.min(t - 1, 3) ? 1 : 0;
            m[3][s] = t < 4 || s % 3 != 1 ? 1 : 0;
        }
        return m;
    }

    static INDArray array(double[][] m) {
        return m == null ? null : Nd4j.createFromArray(m);
    }

    static INDArray input(double[][][] x, RNNFormat f) {
        return Seq.toArray(x, f);
    }

    /** DL4J's output with a mask, computed with DOUBLE as the default type (LastTimeStep's masked path is exact). */
    static INDArray output(MultiLayerNetwork net, INDArray x, INDArray mask) {
        return inDouble(() -> net.output(x, false, mask, null));
    }

    static INDArray output(ComputationGraph g, INDArray x, INDArray mask) {
        return inDouble(() -> g.output(false, new INDArray[] {x}, mask == null ? null : new INDArray[] {mask})[0]);
    }

    private static INDArray inDouble(java.util.function.Supplier<INDArray> f) {
        DataType before = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            return f.get().dup();
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
