package dev.deeplift.bench.talgata;

import dev.deeplift.bench.talgata.MotifPwm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The two motifs inserted into the TAL-GATA sequences, read from the resources' {@code .pwm} files. */
public final class TalGataMotifs {
    /** The name of the GATA1 motif, as the data's embeddings name it. */
    public static final String GATA = "GATA_disc1";
    /** The name of the TAL1 motif, as the data's embeddings name it. */
    public static final String TAL1 = "TAL1_known1";

    private TalGataMotifs() {
    }

    /** GATA_disc1, 10 positions. */
    public static MotifPwm gata() {
        return read(GATA);
    }

    /** TAL1_known1, 16 positions. */
    public static MotifPwm tal1() {
        return read(TAL1);
    }

    private static MotifPwm read(String name) {
        try (InputStream in = TalGataResources.open(name + ".pwm")) {
            return MotifPwm.parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read motif " + name, e);
        }
    }
}
