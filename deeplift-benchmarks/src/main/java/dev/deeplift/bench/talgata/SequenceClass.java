package dev.deeplift.bench.talgata;

import java.awt.Color;

/**
 * The four kinds of TAL-GATA sequence, told by their labels (tasks 0, 1, 2), with the colours of the paper's
 * Figure 5 scatter plots.
 */
public enum SequenceClass {
    /** No motif inserted: labels 0,0,0; black. */
    EMPTY("empty", new Color(0, 0, 0), 0, 0, 0),
    /** GATA1 sites only: labels 0,1,0; blue. */
    GATA_ONLY("gata only", new Color(0, 0, 255), 0, 1, 0),
    /** TAL1 sites only: labels 0,0,1; green. */
    TAL1_ONLY("tal1 only", new Color(0, 179, 0), 0, 0, 1),
    /** Both GATA1 and TAL1 sites: labels 1,1,1; red. These are the sequences whose matches are counted. */
    BOTH("gata & tal1", new Color(255, 0, 0), 1, 1, 1);

    private final String label;
    private final Color color;
    private final int[] labels;

    SequenceClass(String label, Color color, int... labels) {
        this.label = label;
        this.color = color;
        this.labels = labels;
    }

    /** The legend text. */
    public String label() {
        return label;
    }

    /** Its labels as the paper writes them, e.g. {@code 1,1,1}. */
    public String labelText() {
        return labels[0] + "," + labels[1] + "," + labels[2];
    }

    /** The colour of its points. */
    public Color color() {
        return color;
    }

    /**
     * The class of a sequence from its three labels.
     *
     * @throws IllegalArgumentException for a combination the simulation never makes (e.g. 1,0,0)
     */
    public static SequenceClass of(float[] labels) {
        if (labels.length != TalGataData.TASKS) {
            throw new IllegalArgumentException("Expected " + TalGataData.TASKS + " labels, got " + labels.length);
        }
        for (SequenceClass c : values()) {
            if (c.labels[0] == labels[0] && c.labels[1] == labels[1] && c.labels[2] == labels[2]) {
                return c;
            }
        }
        throw new IllegalArgumentException("No TAL-GATA class has labels " + labels[0] + "," + labels[1] + ","
                + labels[2]);
    }
}
