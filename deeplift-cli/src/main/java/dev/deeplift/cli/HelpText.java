package dev.deeplift.cli;

import java.util.ArrayList;
import java.util.List;

/** Formats a command's {@code --help}: a usage line, a paragraph, and every option with its default. */
final class HelpText {
    private static final int WIDTH = 100;
    private static final int INDENT = 30;

    private HelpText() {
    }

    static String of(String usage, String about, List<OptionSpec> options) {
        StringBuilder sb = new StringBuilder("Usage: ").append(usage).append("\n\n");
        wrap(sb, List.of(about.split(" ")), 0, 0);
        sb.append("\nOptions:\n");
        for (OptionSpec o : options) {
            String head = "  " + o.name() + (o.isFlag() ? "" : " " + o.valueName());
            sb.append(head);
            int column = head.length();
            if (column >= INDENT - 1) {
                sb.append('\n');
                column = 0;
            }
            sb.append(" ".repeat(INDENT - column));
            // The default is one unbreakable piece, so that it reads (and can be searched for) as written.
            List<String> words = new ArrayList<>(List.of(o.description().split(" ")));
            words.add("[" + o.defaultText() + "]");
            wrap(sb, words, INDENT, INDENT);
        }
        return sb.toString();
    }

    /** Appends the words wrapped at {@link #WIDTH}, continuation lines indented by {@code indent}. */
    private static void wrap(StringBuilder sb, List<String> words, int startColumn, int indent) {
        int column = startColumn;
        boolean first = true;
        for (String word : words) {
            if (!first && column + 1 + word.length() > WIDTH) {
                sb.append('\n').append(" ".repeat(indent));
                column = indent;
                first = true;
            }
            if (!first) {
                sb.append(' ');
                column++;
            }
            sb.append(word);
            column += word.length();
            first = false;
        }
        sb.append('\n');
    }
}
