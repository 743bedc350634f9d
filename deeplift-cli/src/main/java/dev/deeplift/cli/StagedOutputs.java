package dev.deeplift.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Output files written all or nothing: each is first written into a hidden staging folder inside the output folder
 * (so that the final move stays on one file system and is atomic), and {@link #commit()} moves them all into
 * place. Closing without a commit deletes the staging folder and every output folder this created, so a failed
 * run leaves nothing behind.
 *
 * <pre>{@code
 * try (StagedOutputs files = StagedOutputs.in(out)) {
 *     NpyWriter.write(scores, files.stage("scores.npy"));
 *     files.commit();
 * }
 * }</pre>
 */
final class StagedOutputs implements AutoCloseable {
    private final Path dir;
    private final Path staging;
    private final Deque<Path> createdDirs;
    private final List<String> names = new ArrayList<>();
    private boolean committed;

    private StagedOutputs(Path dir, Path staging, Deque<Path> createdDirs) {
        this.dir = dir;
        this.staging = staging;
        this.createdDirs = createdDirs;
    }

    /** Starts staging outputs for {@code dir}, creating it (and its missing parents) if needed. */
    static StagedOutputs in(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw CliException.failure("the output folder " + dir + " is a file");
        }
        Deque<Path> created = new ArrayDeque<>();
        for (Path p = absolute; p != null && !Files.exists(p); p = p.getParent()) {
            created.push(p);
        }
        try {
            Files.createDirectories(absolute);
            return new StagedOutputs(absolute, Files.createTempDirectory(absolute, ".deeplift-staging-"),
                    reversed(created));
        } catch (IOException e) {
            deleteEmpty(reversed(created));
            throw CliException.failure("cannot create the output folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The path to write output {@code name} to now; it appears in the output folder at {@link #commit()}. */
    Path stage(String name) {
        if (committed) {
            throw new IllegalStateException("already committed");
        }
        if (names.contains(name)) {
            throw new IllegalStateException(name + " is staged twice");
        }
        names.add(name);
        return staging.resolve(name);
    }

    /** Moves every staged file into the output folder (replacing older files of those names). */
    List<Path> commit() throws IOException {
        List<Path> moved = new ArrayList<>();
        for (String name : names) {
            Path from = staging.resolve(name);
            if (!Files.exists(from)) {
                throw new IOException("output " + name + " was staged but never written");
            }
            // Checked before the first move, so that a failure here leaves the folder as it was.
            if (Files.isDirectory(dir.resolve(name))) {
                throw new IOException("cannot write " + dir.resolve(name) + ": a folder of that name is in the way");
            }
        }
        for (String name : names) {
            moved.add(move(staging.resolve(name), dir.resolve(name)));
        }
        committed = true;
        Files.deleteIfExists(staging);
        return moved;
    }

    /** The output folder, absolute. */
    Path dir() {
        return dir;
    }

    /** Without a commit: deletes what was staged and the folders this created. */
    @Override
    public void close() throws IOException {
        deleteTree(staging);
        if (!committed) {
            deleteEmpty(createdDirs);
        }
    }

    private static Path move(Path from, Path to) throws IOException {
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes the folders, deepest first, each only if empty. */
    private static void deleteEmpty(Deque<Path> deepestFirst) {
        for (Path p : deepestFirst) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // Not empty (DirectoryNotEmptyException) or not deletable: its parents cannot go either.
                return;
            }
        }
    }

    private static Deque<Path> reversed(Deque<Path> shallowestFirst) {
        Deque<Path> out = new ArrayDeque<>();
        shallowestFirst.forEach(out::push);
        return out;
    }
}
