package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Layout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The option parser and the parsing of every option's values. */
class CliOptionsTest {
    private static final List<OptionSpec> SPECS = List.of(OptionSpec.required("--model", "PATH", "m"),
            OptionSpec.value("--size", "N", "3", "s"), OptionSpec.flag("--png", "p"));

    @Test
    void valuesComeSeparateOrAfterAnEqualsSignAndDefaultsFillTheRest() {
        ParsedOptions o = new OptionParser("x", SPECS).parse(new String[] {"--model", "a.zip", "--png"});
        assertEquals("a.zip", o.required("--model"));
        assertEquals("3", o.value("--size"));
        assertFalse(o.given("--size"));
        assertTrue(o.flag("--png"));
        ParsedOptions p = new OptionParser("x", SPECS).parse(new String[] {"--size=5", "--model=b=c.zip"});
        assertEquals("5", p.value("--size"));
        assertEquals("b=c.zip", p.value("--model"));
        assertFalse(p.flag("--png"));
    }

    @Test
    void badCommandLinesAreUsageErrorsThatSayWhatIsWrong() {
        assertUsage("unknown option --frob for x", "--frob", "1");
        assertUsage("--size is given twice", "--size", "1", "--size", "2");
        assertUsage("--size needs a value N", "--model", "m", "--size");
        assertUsage("--size needs a value N", "--size", "--png");
        assertUsage("--png is a flag", "--png=yes");
        assertUsage("unexpected argument 'stray'", "stray");
        CliException e = assertThrows(CliException.class,
                () -> new OptionParser("x", SPECS).parse(new String[0]).required("--model"));
        assertEquals("missing --model PATH (see --help)", e.getMessage());
    }

    @Test
    void explainOptionsParseEveryValue() {
        ExplainOptions o = ExplainOptions.parse(new String[] {"--model", "m.zip", "--input", "x.csv", "--shape",
            "1,28,28", "--reference", "file:ref.npy", "--target", "all", "--rule", "reveal-cancel", "--batch-size",
            "7", "--layout", "nhwc", "--seed", "-3", "--csv", "--out", "res"});
        assertEquals(Path.of("m.zip"), o.model());
        assertEquals(Path.of("res"), o.out());
        assertEquals(List.of(1L, 28L, 28L), java.util.Arrays.stream(o.shape()).boxed().toList());
        assertEquals(new ReferenceChoice.FromFile(Path.of("ref.npy")), o.reference());
        assertInstanceOf(TargetChoice.All.class, o.target());
        assertEquals(RulePolicy.uniform(Rule.REVEAL_CANCEL), o.rule().policy());
        assertEquals(7, o.batchSize());
        assertEquals(new LayoutOption(Layout.NHWC), o.layout());
        assertEquals(-3, o.seed());
        assertTrue(o.csv());
        assertFalse(o.png());

        ExplainOptions d = ExplainOptions.parse(new String[] {"--model", "m.zip", "--input", "x.npy"});
        assertNull(d.shape());
        assertEquals(new ReferenceChoice.Zeros(), d.reference());
        assertInstanceOf(TargetChoice.Predicted.class, d.target());
        assertEquals(RuleChoice.RESCALE, d.rule());
        assertEquals(256, d.batchSize());
        assertEquals(Path.of("deeplift-out"), d.out());
        assertEquals(1, d.seed());
    }

    @Test
    void valuesAreChecked() {
        assertEquals(new TargetChoice.Unit(4), TargetChoice.parse("4"));
        assertEquals(new ReferenceChoice.ShuffledDna(20), ReferenceChoice.parse("shuffled-dna:20"));
        assertEquals(new ReferenceChoice.Mean(), ReferenceChoice.parse("mean"));
        assertEquals(RulePolicy.genomicsDefault(), RuleChoice.parse("genomics").policy());
        assertEquals(RulePolicy.uniform(Rule.GRADIENT), RuleChoice.parse("GRADIENT").policy());
        assertValueRefused("--target must be", () -> TargetChoice.parse("-1"));
        assertValueRefused("--target must be", () -> TargetChoice.parse("best"));
        assertValueRefused("--reference must be", () -> ReferenceChoice.parse("ones"));
        assertValueRefused("shuffled-dna:N needs a count", () -> ReferenceChoice.parse("shuffled-dna:0"));
        assertValueRefused("--rule must be one of rescale|reveal-cancel|gradient|genomics",
                () -> RuleChoice.parse("deconvnet"));
        assertValueRefused("--layout must be", () -> LayoutOption.parse("CHW"));
        assertValueRefused("--batch-size must be a whole number >= 1",
                () -> ExplainOptions.parse(new String[] {"--model", "m", "--input", "x", "--batch-size", "0"}));
        assertValueRefused("--shape must be sizes >= 1",
                () -> ExplainOptions.parse(new String[] {"--model", "m", "--input", "x", "--shape", "1,x"}));
    }

    @Test
    void layoutsFollowTheInputsShape() {
        assertEquals(Layout.NCHW, LayoutOption.AUTO.imageLayout(new long[] {2, 3, 5, 5}));
        assertEquals(Layout.NHWC, new LayoutOption(Layout.NHWC).imageLayout(new long[] {2, 5, 5, 3}));
        assertEquals(Layout.NCW, LayoutOption.AUTO.sequenceLayout(new long[] {2, 4, 100}));
        assertEquals(Layout.NWC, LayoutOption.AUTO.sequenceLayout(new long[] {2, 100, 4}));
        assertEquals(Layout.NWC, new LayoutOption(Layout.NWC).sequenceLayout(new long[] {2, 100, 20}));
        assertThrows(CliException.class, () -> LayoutOption.AUTO.imageLayout(new long[] {2, 64}));
        assertThrows(CliException.class, () -> LayoutOption.AUTO.sequenceLayout(new long[] {2, 5, 100}));
        assertThrows(CliException.class, () -> new LayoutOption(Layout.NCW).imageLayout(new long[] {2, 1, 5, 5}));
    }

    private static void assertUsage(String message, String... args) {
        CliException e = assertThrows(CliException.class, () -> new OptionParser("x", SPECS).parse(args));
        assertEquals(CliException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    private static void assertValueRefused(String message, org.junit.jupiter.api.function.Executable parse) {
        CliException e = assertThrows(CliException.class, parse);
        assertEquals(CliException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
