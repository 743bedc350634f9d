package dev.deeplift.bench.talgata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A motif site the simulation inserted into a sequence, as the data's {@code embeddings} column lists it, e.g.
 * {@code pos-72_GATA_disc1-AATGATAAGA}. Sites are on the forward strand.
 *
 * @param motif the motif's name, e.g. {@code GATA_disc1}
 * @param start the 0-based position of the site's first base
 * @param bases the inserted bases
 */
public record EmbeddedMotif(String motif, int start, String bases) {
    private static final Pattern FORMAT = Pattern.compile("pos-(\\d+)_(.+)-([ACGTN]+)");

    /** The position just past the site. */
    public int end() {
        return start + bases.length();
    }

    /** Parses one entry of the {@code embeddings} column. */
    public static EmbeddedMotif parse(String text) {
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not an embedded motif (pos-<start>_<motif>-<bases>): " + text);
        }
        return new EmbeddedMotif(m.group(2), Integer.parseInt(m.group(1)), m.group(3));
    }
}
