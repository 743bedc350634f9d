package dev.deeplift.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The jshell quick start (examples/quickstart.jsh) runs as a user would run it, and prints what it promises. */
class QuickstartScriptTest {

    @Test
    void theJshellQuickStartRunsWithoutAnErrorAndSumsToDelta() throws IOException, InterruptedException {
        Path script = Path.of("..", "examples", "quickstart.jsh").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(script), script.toString());
        // jshell refuses entries that do not exist (a module without main classes has no target/classes).
        String classpath = java.util.Arrays.stream(System.getProperty("surefire.test.class.path",
                        System.getProperty("java.class.path")).split(java.io.File.pathSeparator))
                .filter(e -> Files.exists(Path.of(e))).reduce((a, b) -> a + java.io.File.pathSeparator + b).orElse("");
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        Path log = Files.createTempFile("quickstart", ".log");
        Process p = new ProcessBuilder(List.of(jshell.toString(), "--class-path", classpath, "-R-Xmx1g",
                "-R-Dorg.bytedeco.javacpp.maxbytes=2G", script.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "jshell finished");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        // jshell reports a failing snippet and goes on: the script worked only if no snippet failed.
        for (String failure : new String[] {"|  Exception", "|  Error", "cannot find symbol", "|  Caused by"}) {
            assertFalse(out.contains(failure), "a snippet failed:\n" + out);
        }
        int at = out.indexOf("QUICKSTART max summation error ");
        assertTrue(at >= 0, out);
        double error = Double.parseDouble(out.substring(at + 31).trim().split("\\s+")[0]);
        assertTrue(error < 1e-4, out);
        assertTrue(out.contains("Attribution{DeepLIFT RESCALE, 5 examples"), out);
        assertFalse(out.contains(" INFO "), "logging is quiet:\n" + out);
    }
}
