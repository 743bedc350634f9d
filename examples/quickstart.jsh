// deeplift4j quick start in jshell. Run from the repository root after `mvn -q install -DskipTests`:
//   mvn -q -pl deeplift-examples dependency:build-classpath -Dmdep.outputFile=target/cp.txt
//   jshell --class-path "$(cat deeplift-examples/target/cp.txt)" examples/quickstart.jsh
// (or `bash examples/quickstart.sh`, which does both.)

// Quiet logging: ND4J and DL4J log at INFO through SLF4J; keep warnings only.
System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

// A network (random weights here; yours would be trained or loaded with ModelSerializer).
MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42).list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.RELU).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                .activation(Activation.SOFTMAX).build())
        .build());
net.init();

INDArray x = Nd4j.rand(5, 4);                     // five examples
INDArray reference = Nd4j.zeros(1, 4);            // one reference shared by all of them

DeepLift explainer = DeepLift.of(net);            // checks every layer up front
Attribution a = explainer.explain(x, reference, 2);   // contributions to logit 2, before the softmax
System.out.println(a);
System.out.println("scores:\n" + a.scores());
System.out.println("each row sums to its delta: " + a.scores().sum(1) + " vs " + a.deltas());

Attribution rc = explainer.withRule(Rule.REVEAL_CANCEL).explainPredicted(x, reference);
System.out.println("predicted classes: " + java.util.Arrays.toString(rc.targets()));
System.out.println("QUICKSTART max summation error " + Math.max(a.maxSummationError(), rc.maxSummationError()));
/exit
