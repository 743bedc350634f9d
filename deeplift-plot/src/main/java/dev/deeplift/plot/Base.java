package dev.deeplift.plot;

import dev.deeplift.core.genomics.Dna;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;

/**
 * A DNA base as a sequence logo draws it: the outline of its letter, stretched to any box, in the usual colour
 * (A green, C blue, G orange, T red). {@link #of} maps a channel of a one-hot array to its base through
 * {@link Dna#ALPHABET}.
 */
enum Base {
    A(new Color(0x00, 0x80, 0x00)),
    C(new Color(0x00, 0x00, 0xFF)),
    G(new Color(0xFF, 0xA5, 0x00)),
    T(new Color(0xFF, 0x00, 0x00));

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 100);

    private final Color color;
    private Shape outline;

    Base(Color color) {
        this.color = color;
    }

    /** The base of channel {@code c} of a one-hot DNA array. */
    static Base of(int channel) {
        return valueOf(String.valueOf(Dna.base(channel)));
    }

    /** The letter's colour. */
    Color color() {
        return color;
    }

    /** The letter's outline stretched to fill the box exactly: its ink, not its advance, spans the box. */
    Shape fitted(double x, double y, double width, double height) {
        Shape glyph = outline();
        Rectangle2D ink = glyph.getBounds2D();
        AffineTransform t = new AffineTransform();
        t.translate(x, y);
        t.scale(width / ink.getWidth(), height / ink.getHeight());
        t.translate(-ink.getX(), -ink.getY());
        return t.createTransformedShape(glyph);
    }

    private synchronized Shape outline() {
        // Made on first use rather than when the enum loads, so that merely naming a base needs no font.
        if (outline == null) {
            FontRenderContext frc = new FontRenderContext(null, true, true);
            outline = FONT.createGlyphVector(frc, name()).getOutline();
        }
        return outline;
    }
}
