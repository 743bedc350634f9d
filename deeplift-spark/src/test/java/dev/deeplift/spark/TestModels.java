package dev.deeplift.spark;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks with fixed seeds and non-zero biases, rows of data, and DataFrames of them. */
final class TestModels {
    private TestModels() {
    }

    /** A dense network: {@code in} → dense ReLU {@code hidden} → dense tanh {@code hidden} → softmax. */
    static MultiLayerNetwork mlp(DataType dt, int in, int hidden, int out) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(dt).list()
                .layer(new DenseLayer.Builder().nIn(in).nOut(hidden).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(hidden).nOut(hidden).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(out)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** A CNN over {@code [1, 6, 6]} images: conv 3×3 (4, ReLU) → max-pool 2 → dense 8 ReLU → softmax 3. */
    static MultiLayerNetwork cnn(DataType dt) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(dt).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
        net.init();
        return net;
    }

    /** A residual ComputationGraph over {@code [in]}: dense ReLU, dense, add the input's projection, ReLU, 3 out. */
    static ComputationGraph graph(DataType dt, int in) {
        ComputationGraph g = new ComputationGraph(base(dt).graphBuilder().addInputs("x")
                .setInputTypes(InputType.feedForward(in))
                .addLayer("d1", new DenseLayer.Builder().nOut(10).activation(Activation.RELU).build(), "x")
                .addLayer("d2", new DenseLayer.Builder().nOut(10).activation(Activation.IDENTITY).build(), "d1")
                .addLayer("skip", new DenseLayer.Builder().nOut(10).activation(Activation.IDENTITY).build(), "x")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "d2", "skip")
                .addLayer("relu", new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build(), "add")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "relu")
                .setOutputs("out").build());
        g.init();
        return g;
    }

    /** A genomics Conv1D over one-hot DNA {@code [4, length]} (NCW): conv 5 (6, ReLU), global max, dense, 2. */
    static MultiLayerNetwork dna(DataType dt, int length) {
        MultiLayerNetwork net = new MultiLayerNetwork(base(dt).list()
                .layer(new Convolution1DLayer.Builder(5).nOut(6).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(2)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(4, length))
                .build());
        net.init();
        return net;
    }

    private static NeuralNetConfiguration.Builder base(DataType dt) {
        // Biases of 0.1: a zero reference then has non-zero activations, as in real networks.
        return new NeuralNetConfiguration.Builder().seed(20240511L).dataType(dt).weightInit(WeightInit.XAVIER)
                .biasInit(0.1);
    }

    static File save(Model m, File dir, String name) throws IOException {
        File f = new File(dir, name);
        ModelSerializer.writeModel(m, f, false);
        return f;
    }

    /** {@code n} rows of {@code d} standard-normal values. */
    static double[][] rows(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) r.nextGaussian(); // float values: exact in both FLOAT and DOUBLE networks
            }
        }
        return x;
    }

    /** {@code n} one-hot sequences of {@code length} bases, flattened in NCW order ({@code [4][length]}). */
    static double[][] dna(int n, int length, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][4 * length];
        for (double[] row : x) {
            for (int p = 0; p < length; p++) {
                row[r.nextInt(4) * length + p] = 1;
            }
        }
        return x;
    }

    /** The rows as one {@code [n, shape...]} array of a data type. */
    static INDArray batch(double[][] x, DataType dt, long... shape) {
        long[] full = new long[shape.length + 1];
        full[0] = x.length;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return Nd4j.createFromArray(x).castTo(dt).reshape('c', full);
    }

    /**
     * Columns {@code id} (long), {@code vec} (ml Vector), {@code af} (array&lt;float&gt;), {@code ad}
     * (array&lt;double&gt;), each holding the same row, in {@code partitions} contiguous slices.
     */
    static Dataset<Row> frame(SparkSession spark, double[][] x, int partitions) {
        StructType schema = new StructType()
                .add("id", DataTypes.LongType, false)
                .add("vec", new VectorUDT(), true)
                .add("af", DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add("ad", DataTypes.createArrayType(DataTypes.DoubleType, false), true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            float[] f = new float[x[i].length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) x[i][j];
            }
            rows.add(RowFactory.create((long) i, Vectors.dense(x[i].clone()), f, x[i].clone()));
        }
        return frame(spark, rows, schema, partitions);
    }

    /** Rows (array values as primitive arrays) in {@code partitions} contiguous slices: no shuffle. */
    static Dataset<Row> frame(SparkSession spark, List<Row> rows, StructType schema, int partitions) {
        return spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, partitions), schema);
    }

    /** The rows ordered by {@code id}. */
    static List<Row> byId(Dataset<Row> d) {
        return d.orderBy("id").collectAsList();
    }
}
