package dev.deeplift.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr, {@code explaining [#######.............] 3/8 chunks}, redrawn in place after
 * each chunk. It draws nothing for a run of a single chunk, which ends too soon to need one.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final int total;
    private int done;
    private boolean open;

    ProgressBar(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /** True if the bar is drawn at all (more than one chunk). */
    boolean visible() {
        return total > 1;
    }

    /** Records one more chunk done and redraws the bar; the line ends after the last chunk. */
    void step() {
        done++;
        if (!visible()) {
            return;
        }
        int filled = (int) ((long) WIDTH * done / total);
        err.print("\rexplaining [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + " chunks");
        open = done < total;
        if (!open) {
            err.println();
        }
        err.flush();
    }

    /** Ends a bar left unfinished (an error stopped the run), so that the error starts on a line of its own. */
    void abandon() {
        if (open) {
            err.println();
            open = false;
        }
    }
}
