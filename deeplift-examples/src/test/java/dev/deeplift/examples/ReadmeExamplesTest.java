package dev.deeplift.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Layout;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.EmbeddingReference;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.Methods;
import dev.deeplift.dl4j.convert.Converters;
import dev.deeplift.plot.Plots;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The README's Java code compiles and runs: every {@code ```java} block of README.md appears verbatim in a test
 * below, which runs it on a small network; {@link #everyJavaBlockOfTheReadmeIsInThisFile} checks the copies.
 */
class ReadmeExamplesTest {
    private static final Path SELF = Path.of("src", "test", "java", "dev", "deeplift", "examples",
            "ReadmeExamplesTest.java");

    // The README's names: a network with a conv layer "conv2" and a dense layer "dense1", inputs, references.
    private final MultiLayerNetwork net = network();
    private final INDArray x = Nd4j.rand(DataType.FLOAT, 6, 1, 6, 6);
    private final INDArray reference = Nd4j.zeros(DataType.FLOAT, 1, 1, 6, 6);
    private final INDArray ref = reference;
    private final INDArray ref0 = reference;
    private final INDArray ref1 = Nd4j.rand(DataType.FLOAT, 6, 1, 6, 6);
    private final int[] targets = {3, 1, 4, 0, 2, 3};
    private final INDArray trainingSet = Nd4j.rand(DataType.FLOAT, 20, 1, 6, 6);
    private final INDArray samples = Nd4j.rand(DataType.FLOAT, 4, 1, 6, 6);
    private final List<String> used = new ArrayList<>();

    private static MultiLayerNetwork network() {
        var conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(20).activation(Activation.RELU).name("conv2").build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).name("dense1").build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).name("dense2").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(6)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private void use(int k, long first, Attribution rows) {
        used.add(k + "@" + first + ":" + rows.examples());
    }

    @Test
    void quickStart() {
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 6, 6);

        DeepLift explainer = DeepLift.of(net);                      // checks every layer up front
        Attribution a = explainer.explain(x, reference, 3);         // contributions to logit 3 (before softmax)
        INDArray scores = a.scores();                               // x's shape
        System.out.println(a);                                      // method, examples, targets, largest summation error
        Attribution rc = explainer.withRule(Rule.REVEAL_CANCEL).explain(x, reference, new int[] {3, 1, 4});

        assertEquals(List.of(3L, 1L, 6L, 6L), java.util.Arrays.stream(scores.shape()).boxed().toList());
        assertTrue(a.maxSummationError() < 1e-4, a.toString());
        assertEquals(3, rc.examples());
    }

    @Test
    void moreTargets() {
        DeepLift explainer = DeepLift.of(net);
        explainer.explainPredicted(x, ref).targets();          // the predicted class of each example, and its scores
        explainer.explainTargets(x, ref, 3, 5);                // one Attribution per target, one forward pass
        explainer.withSoftmaxNormalization(true).explain(x, ref, 3); // logit_3 − mean_k logit_k (softmax-invariant)
        explainer.explainLayer(x, ref, 3, "dense1");           // scores on a hidden layer's activations
        explainer.explainNeuron(x, ref, "conv2", 17);          // a hidden unit as the target
        explainer.explainEach(x, List.of(ref0, ref1), targets, // several references, one forward pass of x
                (k, first, rows) -> use(k, first, rows));      // results as they are made, reference k of rows first..
        assertEquals(List.of("0@0:6", "1@0:6"), used);
    }

    @Test
    void computationGraphs() {
        ComputationGraph graph = twoInputGraph();
        INDArray seq = Nd4j.rand(DataType.FLOAT, 2, 3);
        INDArray feats = Nd4j.rand(DataType.FLOAT, 2, 2);
        INDArray seqRef = Nd4j.zeros(DataType.FLOAT, 1, 3);
        INDArray featsRef = Nd4j.zeros(DataType.FLOAT, 1, 2);

        DeepLift g = DeepLift.of(graph);
        Attribution r = g.explain(new INDArray[] {seq, feats}, new INDArray[] {seqRef, featsRef}, Target.of("out2", 3));
        r.scores(0); r.scores(1);                              // one array per input; together they sum to r.deltas()

        assertTrue(r.maxSummationError() < 1e-5, r.toString());
    }

    private static ComputationGraph twoInputGraph() {
        var conf = new NeuralNetConfiguration.Builder().seed(4).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("seq", "feats").setInputTypes(InputType.feedForward(3), InputType.feedForward(2))
                .addLayer("h", new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build(), "seq", "feats")
                .addLayer("out1", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "h")
                .addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "h")
                .setOutputs("out1", "out2").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void layerChecks() {
        DeepLift explainer = DeepLift.of(net);
        LayerChecks checks = explainer.withLayerChecks(true).explain(x, ref, 3).layerChecks().orElseThrow();
        System.out.println(checks.worst());                    // e.g. "L3:dense2/Dense[64→32]#4: 2.1e-16 (example 5)"
        assertTrue(checks.worst().relativeError() < 1e-5, checks.toString());
    }

    @Test
    void addingALayer() {
        MultiLayerNetwork netWithFeatureScale = CustomLayerTest.net();

        Converters.register(FeatureScale.class, new FeatureScaleConverter());     // a layer class of yours
        DeepLift custom = DeepLift.of(netWithFeatureScale);

        assertTrue(custom.explain(Nd4j.rand(DataType.DOUBLE, 2, 3), 1).maxSummationError() < 1e-12);
    }

    @Test
    void sequences() {
        int c = 3;
        int T = 6;
        MultiLayerNetwork lstmNet = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().nIn(c).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        lstmNet.init();
        MultiLayerNetwork classifier = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(6)
                .dataType(DataType.DOUBLE).list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(c).nOut(4).activation(Activation.TANH).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        classifier.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, c, T);
        INDArray reference = Nd4j.zeros(DataType.DOUBLE, 1, c, T);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}});

        DeepLift rnn = DeepLift.of(lstmNet);                                  // LSTM → RnnOutputLayer, [N, C, T] inputs
        Attribution s = rnn.explain(x, reference, Target.unitAtStep(2, T - 1), mask);    // unit 2 at the last step
        Attribution p = DeepLift.of(classifier).explain(x, reference, 1, mask);          // LSTM → LastTimeStep → dense

        assertTrue(s.maxSummationError() < 1e-10 && p.maxSummationError() < 1e-10, s + " " + p);
        assertEquals(0.0, p.scores().get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(4, 6))
                .amaxNumber().doubleValue(), 0.0, "padded steps after the last real one score nothing");
    }

    @Test
    void embeddings() {
        MultiLayerNetwork textNet = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(10).nOut(4).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        textNet.init();
        INDArray tokens = Nd4j.createFromArray(new double[][] {{4, 7, 9, 2}, {5, 5, 1, 0}});
        INDArray padTokens = Nd4j.zeros(DataType.DOUBLE, 1, 4);
        INDArray sampleTokens = Nd4j.createFromArray(new double[][] {{1, 2, 3, 4}, {9, 8, 7, 6}, {0, 0, 3, 3}});

        DeepLift text = DeepLift.of(textNet);                                 // EmbeddingSequenceLayer → ... → output
        Attribution t = text.explain(tokens, padTokens, 1);                   // [N, T] token scores against pad tokens
        Attribution z = text.explain(tokens, EmbeddingReference.zeros(), 1);  // against zero vectors ("no token")
        Attribution b = DeepShap.of(text).explain(tokens, Reference.background(sampleTokens), 1);  // token backgrounds

        assertEquals(List.of(2L, 4L), java.util.Arrays.stream(t.scores().shape()).boxed().toList());
        assertTrue(t.maxSummationError() < 1e-10 && z.maxSummationError() < 1e-10
                && b.maxPairSummationError() < 1e-10);
    }

    @Test
    void attention() {
        MultiLayerNetwork attentionNet = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8)
                .dataType(DataType.DOUBLE).list()
                .layer(new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(2).headSize(2).projectInput(true)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(4, 5)).build());
        attentionNet.init();
        INDArray seqX = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);
        INDArray seqReference = Nd4j.zeros(DataType.DOUBLE, 1, 4, 5);
        INDArray seqMask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}});

        DeepLift att = DeepLift.of(attentionNet).withRules(RulePolicy.uniform(Rule.RESCALE)
                .with(LayerKind.ATTENTION, Rule.REVEAL_CANCEL));              // RevealCancel on exp and 1/Σe
        Attribution w = att.explain(seqX, seqReference, 1, seqMask);         // [N, F, T] scores, masked keys score 0

        assertTrue(w.maxSummationError() < 1e-10, w.toString());
        assertEquals(0.0, w.scores().get(NDArrayIndex.point(1), NDArrayIndex.all(), NDArrayIndex.interval(3, 5))
                .amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void comparisonMethods() {
        Methods.gradient(net);                 // plain gradient of the target logit; scores = gradient × (x − ref)
        Methods.gradientTimesInput(net);       // the same; with a zero reference, gradient × input
        Methods.integratedGradients(net, 50);  // midpoint rule, 50 steps, 256 rows per gradient call (.withBatchSize)
        Methods.guidedBackprop(net);           // negative multipliers stopped at every nonlinearity
        Methods.deepLift(net, Rule.REVEAL_CANCEL);
        assertEquals(6, Methods.integratedGradients(net, 5).explain(x, ref, targets).examples());
    }

    @Test
    void referencesAndDeepShap() {
        INDArray ref = Reference.mean(trainingSet).forInput(x).single();          // [1, ...], for DeepLift.explain
        DeepShap shap = DeepShap.of(DeepLift.of(net));                            // any Explainer
        Attribution a = shap.explain(x, Reference.background(samples), 3);        // R = samples.size(0)
        System.out.println(a.maxPairSummationError() + " " + a.pairDeltas());      // [N, R]: every pair checked

        assertEquals(4, a.referencesPerExample());
        assertEquals(1, ref.size(0));
    }

    @Test
    void pictures() throws IOException {
        Attribution a = DeepLift.of(net).explain(x, reference, 3);
        Attribution one = DeepLift.of(net).explain(x.get(NDArrayIndex.interval(0, 1)), reference, 3);
        INDArray s1 = a.scores();
        INDArray s2 = Methods.gradient(net).explain(x, ref, targets).scores();
        INDArray dnaInput = Nd4j.zeros(DataType.FLOAT, 1, 200, 4).putScalar(new long[] {0, 120, 2}, 1.0);
        Attribution dna = Attribution.of(dnaInput, dnaInput, dnaInput.sum(1, 2), new int[] {0}, "fixed");
        List<Path> files = List.of(Path.of("h.png"), Path.of("h3.png"), Path.of("g.png"), Path.of("logo.png"));
        try {
            Plots.heatmap(one.scores(), Layout.NCHW).save(Path.of("h.png"));        // a batch of one image
            Plots.heatmap(a.scores(), x, Layout.NCHW, 3).save(Path.of("h3.png"));   // example 3, over the input in grey
            Plots.grid(Layout.NCHW, List.of("Rescale", "Gradient"), List.of(s1, s2)).save(Path.of("g.png"));
            Plots.sequenceLogo(dna.scores(), 0, 100, 140).save(Path.of("logo.png"));    // example 0, positions 100..139

            for (Path f : files) {
                assertTrue(Files.size(f) > 0, f.toString());
            }
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    @Test
    void howToRegistration() {
        MultiLayerNetwork net = CustomLayerTest.net();

        Converters.register(FeatureScale.class, new FeatureScaleConverter());
        DeepLift explainer = DeepLift.of(net);   // FeatureScale layers now get the converter's nodes

        assertTrue(explainer.explain(Nd4j.rand(DataType.DOUBLE, 2, 3), 0).maxSummationError() < 1e-12);
    }

    @Test
    void everyJavaBlockOfTheReadmeIsInThisFile() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        String self = normalize(Files.readString(SELF, StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String block = normalize(m.group(1));
            assertTrue(self.contains(block), "README block " + blocks + " is not run by this test:\n" + m.group(1));
        }
        assertTrue(blocks >= 8, "found " + blocks + " java blocks");
    }

    @Test
    void theHowToConverterIsTheTestedOne() throws IOException {
        String howTo = Files.readString(Path.of("..", "docs", "how-to", "custom-layer.md"), StandardCharsets.UTF_8);
        String converter = normalize(Files.readString(SELF.resolveSibling("FeatureScaleConverter.java"),
                StandardCharsets.UTF_8));
        String test = normalize(Files.readString(SELF, StandardCharsets.UTF_8));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(howTo);
        while (m.find()) {
            String block = normalize(m.group(1));
            assertTrue(converter.contains(block) || test.contains(block), "how-to block not tested:\n" + m.group(1));
        }
    }

    /** Lines trimmed, blank lines dropped: indentation differs between the README and a method body. */
    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            if (!line.isBlank()) {
                sb.append(line.strip()).append('\n');
            }
        }
        return sb.toString();
    }
}
