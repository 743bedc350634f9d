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
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** {@code mvn package} builds an executable command-line jar: {@code java -jar deeplift-cli.jar explain --help}. */
class CliJarTest {
    private static final Path JAR = Path.of("..", "deeplift-cli", "target", "deeplift-cli.jar");

    @Test
    void javaDashJarRunsTheCommandLineNotJmh() throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), JAR.toAbsolutePath() + " is built by deeplift-cli's package phase");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals("dev.deeplift.cli.DeepLiftCli", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/openjdk/jmh/")), "no JMH inside");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = Files.createTempFile("cli", ".log");
        Process p = new ProcessBuilder(List.of(java.toString(), "-jar", JAR.toString(), "explain", "--help"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES));
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("--model") && out.contains("--input") && out.contains("--reference"), out);
        assertFalse(out.contains("Exception"), out);
    }
}
