package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DeepLIFT paper's TAL-GATA Keras model and four of its sequences with the Keras model's outputs, as listed
 * in {@code deeplift-benchmarks/src/main/resources/talgata/SOURCES.md}. The model files have one home, the
 * benchmarks module's resources; tests run with the module directory as working directory (Maven's default), or
 * with {@code -Dtalgata.dir=...}.
 */
final class TalGataFixture {
    static final String MODEL_JSON = "keras2_conv1d_record_5_model_PQzyq_modelJson.json";
    static final String WEIGHTS_H5 = "keras2_conv1d_record_5_model_PQzyq_modelWeights.h5";

    static final String[] IDS = {"gata_tal1_1902", "empty_1732", "gata_only_1527", "tal1_only_1168"};

    /** From {@code sequences.simdata.gz}, in the order of {@link #IDS}. */
    static final String[] SEQUENCES = {
        "CTTGTATTGAGTTAGAAACCGCCACGGCACTGCTATGTATGACATTCTAACTAAGTGAGTTATGCGTTGGGTCCTTTATGTGGCATTATCTGGTAATAC"
            + "TTAATTGATGTACTATTTCCTCGACAAAACAGGTGGTGTGGGTGTACCGGTCACCGATAAGGGGGAACTCACCAGATGGTAGTTAACCTATAGAGTCCTGA",
        "AGCTCTTTTGGCGGACCGAGTTCGTCGGACTTTCGCTAAATTGACCATTAACAGGAGGATACCCGGGTGTCTCGGGAAGGTCGTAATACGGTAATTACGG"
            + "ATGTGAGAGCGCACACATCCTTTGGATGATACATGATCTCGCCGTATATGGCCTAGGTCAAAAGGACAGTCTCGCTAATCGCAATAATGCAGCTAACCGA",
        "TGCAGATAAGAACTTTGGGAATATGGTAGGAAAAACCCCTGAAGTGAGATCCAAAAAATATAGACTGGCGCGGTGGCAATGCCCTTGTTAATGCTGGGAA"
            + "TCAAAAAATCGAAACTCTCAGCAGATAAGATATGCAGACCTGCTCGTGGAGACAAAAAGTATTGTTACTGCGTAAACCATTAGTACGTTGCCGAGTACCG",
        "CGTTTGAAAGGAGACCAGGTGGTCCAACCACAGTAGCAGAATATTATGCGGTTGTCGATAGAGCTTTGCTAACAGATGTTTACAGTTATCCTGAAATCGT"
            + "TTGGACAAACTGTCTTCGTGCGTAATTGCACTGTTATGGCCCAGTACAGGGGATCAGATGGTCATGGCAAAAGGCGTGCCAACGCTCGAACTGGAGTCTT",
    };

    /** Sigmoid outputs of the original Keras model (tasks 0, 1, 2), four decimals, in the order of {@link #IDS}. */
    static final double[][] KERAS_OUTPUTS = {
        {0.8628, 0.9453, 0.9994},
        {0.0001, 0.0225, 0.0026},
        {0.0013, 0.9862, 0.0019},
        {0.0060, 0.0035, 1.0000},
    };

    private TalGataFixture() {
    }

    static Path dir() {
        String override = System.getProperty("talgata.dir");
        Path dir = override != null ? Path.of(override)
                : Path.of("..", "deeplift-benchmarks", "src", "main", "resources", "talgata");
        assertTrue(Files.isRegularFile(dir.resolve(WEIGHTS_H5)), "TAL-GATA model not found in "
                + dir.toAbsolutePath() + ": run from the deeplift-dl4j directory or set -Dtalgata.dir");
        return dir;
    }

    static Path modelJson() {
        return dir().resolve(MODEL_JSON);
    }

    static Path weights() {
        return dir().resolve(WEIGHTS_H5);
    }

    /** The four sequences one-hot encoded, {@code [4, 200, 4]}, A C G T, channels last. */
    static INDArray input() {
        INDArray x = Nd4j.zeros(DataType.FLOAT, SEQUENCES.length, 200, 4);
        for (int n = 0; n < SEQUENCES.length; n++) {
            for (int i = 0; i < SEQUENCES[n].length(); i++) {
                x.putScalar(new long[] {n, i, "ACGT".indexOf(SEQUENCES[n].charAt(i))}, 1.0);
            }
        }
        return x;
    }
}
