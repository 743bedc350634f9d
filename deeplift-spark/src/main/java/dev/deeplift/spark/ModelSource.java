package dev.deeplift.spark;

import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.NotASavedModelException;
import dev.deeplift.dl4j.SavedModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.api.Model;

/**
 * Saved networks read from any Hadoop file system ({@code file:}, {@code hdfs:}, {@code s3a:}, ... with its
 * connector on the class path), kept once per JVM: an executor reads and converts a network once, however many
 * tasks, partitions and jobs use it, and its task threads share it ({@link DeepLift} is immutable and thread-safe).
 * A network is known by its {@link Fingerprint}, so a file rewritten at the same path is read again and the old
 * version dropped.
 */
final class ModelSource {
    /**
     * One version of a model file: its fully qualified path, modification time and length, taken on the driver
     * before the job and checked again where the file is read.
     */
    record Fingerprint(String path, long modificationTime, long length) implements Serializable {
    }

    /** A network as read, with its explainer per rule (made when first asked for, then shared). */
    static final class Loaded {
        private final Model network;
        private final DeepLift explainer;
        private final Map<RuleName, DeepLift> byRule = new EnumMap<>(RuleName.class);

        Loaded(Model network) {
            this.network = network;
            this.explainer = SavedModels.explainer(network);
        }

        /** The network, for its outputs (DL4J's {@code output} methods are synchronized). */
        Model network() {
            return network;
        }

        /** The explainer with the default settings. */
        DeepLift explainer() {
            return explainer;
        }

        /** The explainer with a rule policy; the same instance for every task of this JVM. */
        synchronized DeepLift explainer(RuleName rule) {
            return byRule.computeIfAbsent(rule, r -> explainer.withRules(r.policy()));
        }
    }

    private static final Map<Fingerprint, Loaded> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ModelSource() {
    }

    /**
     * Driver side, before any job: the file's fingerprint, after checking that it is a file whose configuration
     * names a MultiLayerNetwork or a ComputationGraph (reading only the start of the zip).
     *
     * @throws IllegalArgumentException naming the path if it is missing, a directory or not a saved network
     */
    static Fingerprint fingerprint(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus st = fs.getFileStatus(p);
            if (st.isDirectory()) {
                throw new IllegalArgumentException("DeepLiftTransformer: model path " + st.getPath()
                        + " is a directory; a file saved by DL4J's ModelSerializer is needed");
            }
            try (InputStream in = fs.open(st.getPath())) {
                SavedModels.kind(in);
            }
            return new Fingerprint(st.getPath().toString(), st.getModificationTime(), st.getLen());
        } catch (NotASavedModelException e) {
            throw new IllegalArgumentException("DeepLiftTransformer: " + path + " is not a DL4J model saved with "
                    + "ModelSerializer: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("DeepLiftTransformer: cannot read model " + path + ": " + e, e);
        }
    }

    /**
     * The network of a fingerprint, read and converted at most once per JVM.
     *
     * @throws IllegalStateException if the file changed since the job was planned or cannot be read
     */
    static Loaded get(Fingerprint f, Configuration conf) {
        Loaded hit = MODELS.get(f);
        if (hit != null) {
            return hit;
        }
        // Older versions of the same file go first (a map must not be changed from inside computeIfAbsent).
        MODELS.keySet().removeIf(k -> k.path().equals(f.path()) && !k.equals(f));
        return MODELS.computeIfAbsent(f, key -> load(key, conf));
    }

    private static Loaded load(Fingerprint f, Configuration conf) {
        try {
            Path p = new Path(f.path());
            FileSystem fs = p.getFileSystem(conf);
            FileStatus st = fs.getFileStatus(p);
            if (st.getModificationTime() != f.modificationTime() || st.getLen() != f.length()) {
                // Every row of a job must be explained by the same network, also on a retried task.
                throw new IllegalStateException("DeepLiftTransformer: model " + f.path() + " changed since the job "
                        + "was planned (" + f.length() + " bytes then, " + st.getLen() + " now); run it again");
            }
            Loaded loaded;
            try (InputStream in = fs.open(p)) {
                loaded = new Loaded(SavedModels.read(in));
            }
            LOADS.incrementAndGet();
            return loaded;
        } catch (IOException e) {
            throw new IllegalStateException("DeepLiftTransformer: cannot read model " + f.path() + ": " + e, e);
        }
    }

    /** How many networks this JVM has read (for tests). */
    static int loadCount() {
        return LOADS.get();
    }

    /** Forgets every network read (for tests). */
    static void clear() {
        MODELS.clear();
        LOADS.set(0);
    }
}
