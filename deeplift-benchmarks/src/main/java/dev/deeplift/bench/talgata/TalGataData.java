package dev.deeplift.bench.talgata;

import dev.deeplift.core.genomics.OneHot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TAL-GATA sequences with their labels and inserted motif sites, read from the resources.
 *
 * <p>{@code test.txt.gz} lists the ids of the 800 test sequences, one per line; the sequences themselves, their
 * labels and sites are rows of {@code sequences.simdata.gz} (TSV {@code seqName sequence embeddings task1 task2
 * task3}, 8000 sequences of length 200). Labels are the paper's tasks 0, 1, 2: both TAL1 and GATA1 present,
 * GATA1 present, TAL1 present. Arrays are FLOAT, the data type of the imported Keras model.
 */
public final class TalGataData {
    /** The length of every sequence. */
    public static final int LENGTH = 200;
    /** The number of tasks (labels per sequence). */
    public static final int TASKS = 3;

    private static final String SEQUENCES = "sequences.simdata.gz";
    private static final String TEST_IDS = "test.txt.gz";

    private final List<String> ids;
    private final List<String> sequences;
    private final List<List<EmbeddedMotif>> embeddings;
    private final INDArray labels;
    private final INDArray oneHot;

    private TalGataData(List<Row> rows) {
        this.ids = rows.stream().map(Row::id).toList();
        this.sequences = rows.stream().map(Row::sequence).toList();
        this.embeddings = rows.stream().map(Row::embeddings).toList();
        float[][] y = new float[rows.size()][];
        for (int i = 0; i < y.length; i++) {
            y[i] = rows.get(i).labels();
        }
        this.labels = Nd4j.createFromArray(y);
        this.oneHot = OneHot.encode(sequences, DataType.FLOAT);
    }

    /** The 800 test sequences, in the order of {@code test.txt.gz}. */
    public static TalGataData loadTestSet() {
        Map<String, Row> all = readRows();
        List<Row> test = new ArrayList<>();
        for (String id : readLines(TEST_IDS)) {
            Row row = all.get(id);
            if (row == null) {
                throw new IllegalStateException("Test id " + id + " is not in " + SEQUENCES);
            }
            test.add(row);
        }
        return new TalGataData(test);
    }

    /** All 8000 sequences, in file order. */
    public static TalGataData loadAll() {
        return new TalGataData(new ArrayList<>(readRows().values()));
    }

    /** The number of sequences {@code N}. */
    public int size() {
        return ids.size();
    }

    /** Sequence ids, e.g. {@code gata_tal1_1902}. */
    public List<String> ids() {
        return ids;
    }

    /** The sequences, A C G T, length 200. */
    public List<String> sequences() {
        return sequences;
    }

    /** {@code [N, 200, 4]} FLOAT one-hot, channels A C G T last: the Keras model's input layout. */
    public INDArray oneHot() {
        return oneHot.dup();
    }

    /** {@code [N, 3]} FLOAT, 0 or 1: tasks 0 (TAL1 and GATA1), 1 (GATA1), 2 (TAL1). */
    public INDArray labels() {
        return labels.dup();
    }

    /** The motif sites inserted into each sequence (empty for the {@code empty_*} sequences). */
    public List<List<EmbeddedMotif>> embeddings() {
        return embeddings;
    }

    /** The index of a sequence id, or −1. */
    public int indexOf(String id) {
        return ids.indexOf(id);
    }

    private record Row(String id, String sequence, List<EmbeddedMotif> embeddings, float[] labels) {
    }

    private static Map<String, Row> readRows() {
        List<String> lines = readLines(SEQUENCES);
        if (lines.isEmpty() || !lines.get(0).startsWith("seqName\tsequence\tembeddings")) {
            throw new IllegalStateException(SEQUENCES + " does not start with the expected header");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            Row row = parseRow(lines.get(i), i + 1);
            if (rows.put(row.id(), row) != null) {
                throw new IllegalStateException(SEQUENCES + " lists " + row.id() + " twice");
            }
        }
        return rows;
    }

    private static Row parseRow(String line, int lineNumber) {
        // split with limit −1 keeps the empty embeddings field of the empty_* sequences
        String[] f = line.split("\t", -1);
        if (f.length != 3 + TASKS || f[1].length() != LENGTH) {
            throw new IllegalStateException(SEQUENCES + ", line " + lineNumber + ": expected 6 fields and a "
                    + LENGTH + "-base sequence");
        }
        List<EmbeddedMotif> sites = new ArrayList<>();
        for (String e : f[2].split(",")) {
            if (!e.isEmpty()) {
                sites.add(EmbeddedMotif.parse(e));
            }
        }
        float[] y = new float[TASKS];
        for (int t = 0; t < TASKS; t++) {
            y[t] = Float.parseFloat(f[3 + t]);
        }
        return new Row(f[0], f[1], List.copyOf(sites), y);
    }

    private static List<String> readLines(String resource) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(TalGataResources.open(resource)), StandardCharsets.UTF_8))) {
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + resource, e);
        }
    }
}
