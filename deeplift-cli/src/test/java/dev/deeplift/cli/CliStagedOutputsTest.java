package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs appear all at once at the commit, or not at all. */
class CliStagedOutputsTest {
    @TempDir
    Path dir;

    @Test
    void nothingAppearsBeforeTheCommitAndEverythingAfter() throws IOException {
        Path out = dir.resolve("a/b");
        try (StagedOutputs files = StagedOutputs.in(out)) {
            Files.writeString(files.stage("one.txt"), "1");
            Files.writeString(files.stage("two.txt"), "2");
            assertFalse(Files.exists(out.resolve("one.txt")), "not before the commit");
            List<Path> moved = files.commit();
            assertEquals(List.of(out.resolve("one.txt").toAbsolutePath(), out.resolve("two.txt").toAbsolutePath()),
                    moved);
        }
        assertEquals(List.of("one.txt", "two.txt"), list(out), "the staging folder is gone");
        assertEquals("2", Files.readString(out.resolve("two.txt")));
    }

    @Test
    void withoutACommitStagedFilesAndCreatedFoldersAreDeleted() throws IOException {
        Path out = dir.resolve("a/b/c");
        try (StagedOutputs files = StagedOutputs.in(out)) {
            Files.writeString(files.stage("one.txt"), "1");
            assertTrue(Files.isDirectory(out));
        }
        assertEquals(List.of(), list(dir), "a, a/b and a/b/c were created for the run and are gone");
    }

    @Test
    void withoutACommitAnExistingFolderKeepsItsFiles() throws IOException {
        Path out = Files.createDirectories(dir.resolve("old"));
        Files.writeString(out.resolve("one.txt"), "old");
        try (StagedOutputs files = StagedOutputs.in(out)) {
            Files.writeString(files.stage("one.txt"), "new");
            Files.writeString(files.stage("two.txt"), "new");
        }
        assertEquals(List.of("one.txt"), list(out));
        assertEquals("old", Files.readString(out.resolve("one.txt")));
    }

    @Test
    void aFileStagedButNeverWrittenFailsTheCommitAndMovesNothing() throws IOException {
        Path out = dir.resolve("out");
        try (StagedOutputs files = StagedOutputs.in(out)) {
            Files.writeString(files.stage("one.txt"), "1");
            files.stage("two.txt");
            assertThrows(IOException.class, files::commit);
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputFolderThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("f"), "x");
        CliException e = assertThrows(CliException.class, () -> StagedOutputs.in(file));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
