package dev.deeplift.bench.experiments.sequence;

import dev.deeplift.core.genomics.Dna;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The recurrent classifiers of the sequence experiment, FLOAT, reading one-hot DNA {@code [N, 4, L]} (NCW, DL4J's
 * default) and ending in one sigmoid unit (binary cross-entropy): the target explained is that unit's logit.
 */
public enum SequenceModel {
    /**
     * {@code LSTM(4 → H)} → global max-pooling over the positions → dense 1: a position's state has seen the bases
     * up to it only, so the interaction must be carried forward in the state. (A classifier reading the last step,
     * {@code LastTimeStep(LSTM)}, learned the task far slower: about 70 % test accuracy after 8 epochs.)
     */
    LSTM("lstm", "LSTM", 5),
    /**
     * {@code Bidirectional(CONCAT, LSTM(4 → H/2))} → global max-pooling over the positions → dense 1: every position
     * sees the whole sequence, half the units from each side. ({@code Bidirectional(LastTimeStep(LSTM))}, Keras'
     * form, is explained too, but DL4J 1.0.0-M2.1 cannot train it: its backward pass fails on a rank-2 gradient.)
     */
    BILSTM("bilstm", "Bidirectional LSTM", 4);

    private final String id;
    private final String label;
    private final int defaultEpochs;

    SequenceModel(String id, String label, int defaultEpochs) {
        this.id = id;
        this.label = label;
        this.defaultEpochs = defaultEpochs;
    }

    /**
     * Epochs of the default training: enough for a test accuracy above 99 % with 4000 sequences of the default
     * task and 32 units (about 70 s for the LSTM and 110 s for the bidirectional one on one core).
     */
    public int defaultEpochs() {
        return defaultEpochs;
    }

    /** A short identifier, for file names. */
    public String id() {
        return id;
    }

    /** The name shown in tables and figures. */
    public String label() {
        return label;
    }

    /**
     * A new network with {@code units} recurrent units in all (split between the directions of the bidirectional
     * one), Adam at {@code learningRate}, initialised from {@code seed}.
     */
    public MultiLayerNetwork untrained(int units, double learningRate, long seed) {
        int perDirection = this == BILSTM ? units / 2 : units;
        if (perDirection < 1) {
            throw new IllegalArgumentException("Need at least " + (this == BILSTM ? 2 : 1) + " units, got " + units);
        }
        // A layer inside Bidirectional does not inherit the network's defaults: initialisation and updater are set.
        Layer lstm = new LSTM.Builder().nIn(Dna.BASES).nOut(perDirection).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).weightInit(WeightInit.XAVIER)
                .updater(new Adam(learningRate)).build();
        var layers = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).updater(new Adam(learningRate)).list();
        layers.layer(this == BILSTM ? new Bidirectional(Bidirectional.Mode.CONCAT, lstm) : lstm)
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(this == BILSTM
                        ? 2L * perDirection : perDirection).nOut(1).activation(Activation.SIGMOID).build())
                .build());
        net.init();
        return net;
    }
}
