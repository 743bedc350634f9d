package dev.deeplift.bench.talgata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Access to the files under the {@code talgata/} resource folder. */
final class TalGataResources {
    static final String FOLDER = "/talgata/";

    private TalGataResources() {
    }

    /** Opens a resource; the caller closes it. */
    static InputStream open(String name) {
        InputStream in = TalGataResources.class.getResourceAsStream(FOLDER + name);
        if (in == null) {
            throw new IllegalStateException("Resource " + FOLDER + name + " is missing from the classpath");
        }
        return in;
    }

    /** Copies a resource into {@code dir} (HDF5 reads files only, not streams) and returns the copy's path. */
    static Path copyTo(String name, Path dir) {
        try (InputStream in = open(name)) {
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy resource " + name + " to " + dir, e);
        }
    }
}
