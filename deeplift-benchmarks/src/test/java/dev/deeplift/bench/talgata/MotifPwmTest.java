package dev.deeplift.bench.talgata;

import dev.deeplift.core.genomics.OneHot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parsing .pwm text and log-odds scores, checked against values computed by hand. */
class MotifPwmTest {
    /** A three-position motif in the .pwm format of the TAL-GATA data. */
    private static final String PWM = """
            # TOY_motif  (3 positions)
            # columns: A C G T
            0.700000\t0.100000\t0.100000\t0.100000
            0.000000\t0.000000\t1.000000\t0.000000

            0.250000\t0.250000\t0.250000\t0.250000
            """;

    private static MotifPwm toy() {
        return MotifPwm.parse("TOY", new ByteArrayInputStream(PWM.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void parsesPositionsAndSkipsCommentsAndBlankLines() {
        MotifPwm m = toy();
        assertEquals("TOY", m.name());
        assertEquals(3, m.width());
        assertArrayEquals(new double[] {0, 0, 1, 0}, m.probabilities()[1], 0.0);
    }

    @Test
    void logOddsOfAHandWrittenSequenceEqualTheHandComputedValues() {
        // Sequence TAGCA: windows TAG (start 0), AGC (start 1), GCA (start 2); background A,T 0.3, C,G 0.2.
        // p' = p·0.999 + 0.00025: 0.7 → 0.69955, 0.1 → 0.10015, 1 → 0.99925, 0 → 0.00025, 0.25 → 0.25.
        double tag = (Math.log(0.10015) - Math.log(0.3)) + (Math.log(0.00025) - Math.log(0.3))
                + (Math.log(0.25) - Math.log(0.2));
        double agc = (Math.log(0.69955) - Math.log(0.3)) + (Math.log(0.99925) - Math.log(0.2))
                + (Math.log(0.25) - Math.log(0.2));
        double gca = (Math.log(0.10015) - Math.log(0.2)) + (Math.log(0.00025) - Math.log(0.2))
                + (Math.log(0.25) - Math.log(0.3));
        INDArray scores = toy().scores(OneHot.encode("TAGCA", DataType.FLOAT));
        assertEquals(DataType.DOUBLE, scores.dataType());
        assertArrayEquals(new double[] {tag, agc, gca}, scores.toDoubleVector(), 1e-12);
        assertEquals(2.6785, agc, 1e-4); // ln(0.69955/0.3) + ln(0.99925/0.2) + ln(0.25/0.2) = 0.8467 + 1.6087 + 0.2231
    }

    @Test
    void anNContributesNothing() {
        // AGN: the N row is all zero, so the window scores its first two positions only.
        double expected = (Math.log(0.69955) - Math.log(0.3)) + (Math.log(0.99925) - Math.log(0.2));
        assertEquals(expected, toy().scores(OneHot.encode("AGN", DataType.DOUBLE)).getDouble(0), 1e-12);
    }

    @Test
    void batchScoresAreTheSingleSequenceScoresRowByRow() {
        MotifPwm m = toy();
        List<String> seqs = List.of("ACGTAGGA", "TTAGCAGC");
        INDArray batch = m.scores(OneHot.encode(seqs, DataType.FLOAT));
        assertArrayEquals(new long[] {2, 6}, batch.shape());
        for (int i = 0; i < seqs.size(); i++) {
            assertArrayEquals(m.scores(OneHot.encode(seqs.get(i), DataType.FLOAT)).toDoubleVector(),
                    batch.getRow(i).toDoubleVector(), 1e-12);
        }
        double[] bg = {0.25, 0.25, 0.25, 0.25};
        assertEquals(Math.log(0.69955 / 0.25) + Math.log(0.99925 / 0.25),
                m.scores(OneHot.encode("AGN", DataType.FLOAT), bg).getDouble(0), 1e-12);
    }

    @Test
    void refusesMalformedFilesAndShortSequences() {
        IllegalArgumentException three = assertThrows(IllegalArgumentException.class, () -> MotifPwm.parse("BAD",
                new ByteArrayInputStream("0.5 0.5 0.0\n".getBytes(StandardCharsets.UTF_8))));
        assertTrue(three.getMessage().contains("line 1"), three.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> MotifPwm.of("BAD", new double[][] {{0.5, 0.5, 0.5, 0.0}}));
        assertThrows(IllegalArgumentException.class, () -> toy().scores(OneHot.encode("AG", DataType.FLOAT)));
    }
}
