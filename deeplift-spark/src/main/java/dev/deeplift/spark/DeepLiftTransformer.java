package dev.deeplift.spark;

import dev.deeplift.core.Layout;
import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.dl4j.DeepLift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * A Spark ML {@link Transformer} that adds DeepLIFT attributions of a saved DL4J network to every row of a
 * DataFrame, with the same results as {@link DeepLift} on one machine.
 *
 * <pre>{@code
 * DeepLiftTransformer t = new DeepLiftTransformer()
 *     .setModelPath("hdfs:///models/cnn.zip")     // a ModelSerializer zip: MultiLayerNetwork or ComputationGraph
 *     .setInputCol("features")                    // vector, array<float> or array<double>: one example, flattened
 *     .setInputShape(new long[] {1, 28, 28})      // default: the network's, where it fixes every size
 *     .setTarget("predicted")                     // or a unit index, or setTargetCol("label")
 *     .setRule("rescale")                         // rescale | reveal-cancel | genomics | gradient
 *     .setOutputCol("scores");
 * Dataset<Row> out = t.transform(df);   // + scores, delta, summation_error, target, error
 * }</pre>
 *
 * <p>Columns added: the scores ({@code array<float>}, or {@code array<double>} with {@code scoresType "double"}),
 * flattened like the input; {@code delta} (double), the target's change between input and reference, which the
 * scores sum to; {@code summation_error} (double), |Σ scores − delta|; {@code target} (int), the unit explained
 * (scored before the output activation); and {@code error} (string), null when the row was explained. A bad row (a
 * null, a wrong length, NaN or infinity, a target out of range) gets its message there and null results; it never
 * fails the job. The names are params.
 *
 * <p>References: all zeros by default; {@link #setReference} shares one; {@link #setReferenceCol} gives each row
 * its own; {@link #setBackground} explains each row against every background row and averages (DeepSHAP; the rows
 * are broadcast once); {@link #setShuffledReferences} does the same over dinucleotide-shuffled copies of one-hot
 * DNA, each seeded by the seed, its index and the sequence itself, so a row's result does not depend on where it
 * is.
 *
 * <p>Everything that can be checked is checked before any job starts: columns and their types
 * ({@link #transformSchema}), then in {@link #transform} the network (read on the driver; each executor reads it
 * once and shares it between its tasks), the input shape, references and a fixed target. Saves and loads with its
 * params, also inside a {@link org.apache.spark.ml.Pipeline}.
 */
public final class DeepLiftTransformer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final String WHO = "DeepLiftTransformer: ";
    /** The value of {@code target} that explains each row's predicted unit. */
    public static final String PREDICTED = "predicted";

    private final String uid;
    // Params are made after uid is set (a param's parent is the uid) and each has a public no-arg accessor:
    // Spark finds a stage's params by reflection on such methods, for copy, save and load.
    private final Param<String> modelPath;
    private final Param<String> inputCol;
    private final LongArrayParam inputShape;
    private final Param<String> target;
    private final Param<String> targetCol;
    private final Param<String> rule;
    private final DoubleArrayParam reference;
    private final Param<String> referenceCol;
    private final DoubleArrayArrayParam background;
    private final IntParam shuffledReferences;
    private final LongParam seed;
    private final Param<String> sequenceLayout;
    private final IntParam batchSize;
    private final Param<String> scoresType;
    private final Param<String> outputCol;
    private final Param<String> deltaCol;
    private final Param<String> summationErrorCol;
    private final Param<String> explainedTargetCol;
    private final Param<String> errorCol;

    /** A transformer with a random uid and the default params. */
    public DeepLiftTransformer() {
        this(Identifiable$.MODULE$.randomUID("deepLift"));
    }

    /** A transformer with the given uid (used by Spark's copy and load). */
    public DeepLiftTransformer(String uid) {
        this.uid = uid;
        modelPath = new Param<>(this, "modelPath", "the network: a DL4J ModelSerializer zip (MultiLayerNetwork or "
                + "ComputationGraph) on any Hadoop file system");
        inputCol = new Param<>(this, "inputCol", "the input column: " + InputKind.ACCEPTED + ", one example "
                + "flattened");
        inputShape = new LongArrayParam(this, "inputShape", "one example's shape without the batch axis, e.g. "
                + "[1, 28, 28]; default: from the network's input type");
        target = new Param<>(this, "target", "the unit explained for every row: '" + PREDICTED + "' (each row's "
                + "largest output) or a unit index; scored before the output activation");
        targetCol = new Param<>(this, "targetCol", "an integer column holding each row's unit to explain "
                + "(instead of target)");
        rule = new Param<>(this, "rule", "the rule: " + String.join(" | ", RuleName.names()));
        reference = new DoubleArrayParam(this, "reference", "one reference shared by every row, flattened; "
                + "default all zeros");
        referenceCol = new Param<>(this, "referenceCol", "a column holding each row's reference, typed like the "
                + "input");
        background = new DoubleArrayArrayParam(this, "background", "background rows, flattened: each row is "
                + "explained against every one and the results averaged (DeepSHAP)");
        shuffledReferences = new IntParam(this, "shuffledReferences", "dinucleotide-shuffled copies of each "
                + "one-hot row to explain it against and average (DeepSHAP); 0 for none", ParamValidators.gtEq(0));
        seed = new LongParam(this, "seed", "the seed of the shuffled references");
        sequenceLayout = new Param<>(this, "sequenceLayout", "where a one-hot row's 4 channels are, for the "
                + "shuffled references: NCW, NWC or auto (the axis of size 4)");
        batchSize = new IntParam(this, "batchSize", "rows per call to the explainer on an executor",
                ParamValidators.gtEq(1));
        scoresType = new Param<>(this, "scoresType", "the scores' element type: float or double");
        outputCol = new Param<>(this, "outputCol", "the scores column, flattened like the input");
        deltaCol = new Param<>(this, "deltaCol", "the column of each row's target change, which its scores sum to");
        summationErrorCol = new Param<>(this, "summationErrorCol", "the column of |sum of scores - delta|");
        explainedTargetCol = new Param<>(this, "explainedTargetCol", "the column of the unit each row was "
                + "explained for");
        errorCol = new Param<>(this, "errorCol", "the column saying what is wrong with a row, null if nothing");

        setDefault(target, PREDICTED);
        setDefault(rule, RuleName.RESCALE.toString());
        setDefault(shuffledReferences, 0);
        setDefault(seed, 0L);
        setDefault(sequenceLayout, "auto");
        setDefault(batchSize, DeepLift.DEFAULT_CHUNK_SIZE);
        setDefault(scoresType, "float");
        setDefault(outputCol, "scores");
        setDefault(deltaCol, "delta");
        setDefault(summationErrorCol, "summation_error");
        setDefault(explainedTargetCol, "target");
        setDefault(errorCol, "error");
    }

    /** The reader Spark's {@code load} and {@code PipelineModel.load} call (by reflection). */
    public static MLReader<DeepLiftTransformer> read() {
        return new DefaultParamsReadable<DeepLiftTransformer>() { }.read();
    }

    /** A transformer saved with {@code write().save(path)} or {@code save(path)}. */
    public static DeepLiftTransformer load(String path) {
        return read().load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public DeepLiftTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    // ---- the params (Spark finds them through these accessors) ----

    /** Param: the saved network's path. */
    public Param<String> modelPath() {
        return modelPath;
    }

    /** Param: the input column. */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** Param: one example's shape. */
    public LongArrayParam inputShape() {
        return inputShape;
    }

    /** Param: the unit explained for every row, or {@value #PREDICTED}. */
    public Param<String> target() {
        return target;
    }

    /** Param: the column of each row's target. */
    public Param<String> targetCol() {
        return targetCol;
    }

    /** Param: the rule. */
    public Param<String> rule() {
        return rule;
    }

    /** Param: the shared reference. */
    public DoubleArrayParam reference() {
        return reference;
    }

    /** Param: the column of each row's reference. */
    public Param<String> referenceCol() {
        return referenceCol;
    }

    /** Param: the DeepSHAP background rows. */
    public DoubleArrayArrayParam background() {
        return background;
    }

    /** Param: dinucleotide-shuffled references per row. */
    public IntParam shuffledReferences() {
        return shuffledReferences;
    }

    /** Param: the seed of the shuffles. */
    public LongParam seed() {
        return seed;
    }

    /** Param: the one-hot layout for the shuffles. */
    public Param<String> sequenceLayout() {
        return sequenceLayout;
    }

    /** Param: rows per call to the explainer. */
    public IntParam batchSize() {
        return batchSize;
    }

    /** Param: the scores' element type. */
    public Param<String> scoresType() {
        return scoresType;
    }

    /** Param: the scores column. */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** Param: the delta column. */
    public Param<String> deltaCol() {
        return deltaCol;
    }

    /** Param: the summation error column. */
    public Param<String> summationErrorCol() {
        return summationErrorCol;
    }

    /** Param: the column of the explained unit. */
    public Param<String> explainedTargetCol() {
        return explainedTargetCol;
    }

    /** Param: the error column. */
    public Param<String> errorCol() {
        return errorCol;
    }

    // ---- setters and getters ----

    /** The network: a ModelSerializer zip on any Hadoop file system ({@code file:}, {@code hdfs:}, ...). */
    public DeepLiftTransformer setModelPath(String path) {
        set(modelPath, path);
        return this;
    }

    /** The input column: a Spark ML vector, {@code array<float>} or {@code array<double>}, one example flattened. */
    public DeepLiftTransformer setInputCol(String column) {
        set(inputCol, column);
        return this;
    }

    /** One example's shape without the batch axis, e.g. {@code {1, 28, 28}} for a CNN's NCHW images. */
    public DeepLiftTransformer setInputShape(long[] shape) {
        set(inputShape, shape.clone());
        return this;
    }

    /** The unit explained for every row: {@value #PREDICTED} (the default) or a unit index as text. */
    public DeepLiftTransformer setTarget(String unit) {
        parseTarget(unit);
        set(target, unit);
        return this;
    }

    /** The unit explained for every row. */
    public DeepLiftTransformer setTarget(int unit) {
        return setTarget(Integer.toString(unit));
    }

    /** An integer column holding each row's unit to explain (instead of {@link #setTarget}). */
    public DeepLiftTransformer setTargetCol(String column) {
        set(targetCol, column);
        return this;
    }

    /** The rule: {@code rescale} (the default), {@code reveal-cancel}, {@code genomics} or {@code gradient}. */
    public DeepLiftTransformer setRule(String name) {
        set(rule, RuleName.parse(name).toString());
        return this;
    }

    /** One reference shared by every row, flattened like the input (default all zeros). */
    public DeepLiftTransformer setReference(double[] values) {
        set(reference, values.clone());
        return this;
    }

    /** A column holding each row's reference, flattened like the input and of one of the input types. */
    public DeepLiftTransformer setReferenceCol(String column) {
        set(referenceCol, column);
        return this;
    }

    /**
     * DeepSHAP: each row is explained against every background row (flattened like the input) and the results are
     * averaged. The rows are broadcast to the executors once per {@link #transform}.
     */
    public DeepLiftTransformer setBackground(double[][] rows) {
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        set(background, copy);
        return this;
    }

    /**
     * DeepSHAP over {@code count} dinucleotide-shuffled copies of each one-hot DNA row; copy k of a row depends only
     * on {@code seed}, k and the row's sequence, so results do not depend on partitions or retries.
     */
    public DeepLiftTransformer setShuffledReferences(int count, long seed) {
        set(shuffledReferences, count);
        set(this.seed, seed);
        return this;
    }

    /** Where a one-hot row's 4 channels are for the shuffles: {@code NCW}, {@code NWC} or {@code auto}. */
    public DeepLiftTransformer setSequenceLayout(String layout) {
        parseLayout(layout);
        set(sequenceLayout, layout);
        return this;
    }

    /** Rows per call to the explainer on an executor (default {@value DeepLift#DEFAULT_CHUNK_SIZE}). */
    public DeepLiftTransformer setBatchSize(int rows) {
        set(batchSize, rows);
        return this;
    }

    /** The scores' element type: {@code float} (the default) or {@code double}. */
    public DeepLiftTransformer setScoresType(String type) {
        parseScoresType(type);
        set(scoresType, type);
        return this;
    }

    /** The scores column (default {@code scores}). */
    public DeepLiftTransformer setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    /** The delta column (default {@code delta}). */
    public DeepLiftTransformer setDeltaCol(String column) {
        set(deltaCol, column);
        return this;
    }

    /** The summation error column (default {@code summation_error}). */
    public DeepLiftTransformer setSummationErrorCol(String column) {
        set(summationErrorCol, column);
        return this;
    }

    /** The column of the unit each row was explained for (default {@code target}). */
    public DeepLiftTransformer setExplainedTargetCol(String column) {
        set(explainedTargetCol, column);
        return this;
    }

    /** The error column (default {@code error}). */
    public DeepLiftTransformer setErrorCol(String column) {
        set(errorCol, column);
        return this;
    }

    /** The saved network's path. */
    public String getModelPath() {
        return $(modelPath);
    }

    /** The input column. */
    public String getInputCol() {
        return $(inputCol);
    }

    /** One example's shape, or null if it comes from the network. */
    public long[] getInputShape() {
        return isDefined(inputShape) ? $(inputShape).clone() : null;
    }

    /** The unit explained for every row, or {@value #PREDICTED}. */
    public String getTarget() {
        return $(target);
    }

    /** The rule's name. */
    public String getRule() {
        return $(rule);
    }

    /** Rows per call to the explainer. */
    public int getBatchSize() {
        return (Integer) $(batchSize);
    }

    /** The seed of the shuffled references. */
    public long getSeed() {
        return (Long) $(seed);
    }

    /** The scores column. */
    public String getOutputCol() {
        return $(outputCol);
    }

    // ---- checks and the job ----

    private List<String> outputCols() {
        return List.of($(outputCol), $(deltaCol), $(summationErrorCol), $(explainedTargetCol), $(errorCol));
    }

    /**
     * The input schema with the five result columns, after refusing (before any job) an unset model or input
     * column, a missing or mistyped column, conflicting params, or an output column that already exists.
     */
    @Override
    public StructType transformSchema(StructType schema) {
        if (!isDefined(modelPath)) {
            throw new IllegalArgumentException(WHO + "modelPath is not set");
        }
        if (!isDefined(inputCol)) {
            throw new IllegalArgumentException(WHO + "inputCol is not set");
        }
        requireColumn(schema, "input", $(inputCol));
        if (isDefined(referenceCol)) {
            requireColumn(schema, "reference", $(referenceCol));
        }
        if (isDefined(targetCol)) {
            if (isSet(target)) {
                throw new IllegalArgumentException(WHO + "set either target ('" + $(target) + "') or targetCol ('"
                        + $(targetCol) + "'), not both");
            }
            String t = $(targetCol);
            field(schema, t, "target");
            DataType type = schema.apply(t).dataType();
            if (!List.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.ShortType, DataTypes.ByteType)
                    .contains(type)) {
                throw new IllegalArgumentException(WHO + "target column '" + t + "' has type " + type.simpleString()
                        + "; expected int, bigint, smallint or tinyint (a unit index)");
            }
        }
        parseTarget($(target));
        RuleName.parse($(rule));
        parseScoresType($(scoresType));
        parseLayout($(sequenceLayout));
        List<String> references = new ArrayList<>();
        if (isDefined(reference)) {
            references.add("reference");
        }
        if (isDefined(referenceCol)) {
            references.add("referenceCol");
        }
        if (isDefined(background)) {
            references.add("background");
        }
        if ((Integer) $(shuffledReferences) > 0) {
            references.add("shuffledReferences");
        }
        if (references.size() > 1) {
            throw new IllegalArgumentException(WHO + "choose one kind of reference; set are " + references);
        }
        List<String> outs = outputCols();
        if (outs.stream().distinct().count() != outs.size()) {
            throw new IllegalArgumentException(WHO + "the output columns need distinct names: " + outs);
        }
        for (String o : outs) {
            if (Arrays.asList(schema.fieldNames()).contains(o)) {
                throw new IllegalArgumentException(WHO + "output column '" + o + "' already exists; name it with "
                        + "the matching set...Col");
            }
        }
        DataType scores = DataTypes.createArrayType(doubleScores() ? DataTypes.DoubleType : DataTypes.FloatType,
                false);
        return schema.add($(outputCol), scores, true)
                .add($(deltaCol), DataTypes.DoubleType, true)
                .add($(summationErrorCol), DataTypes.DoubleType, true)
                .add($(explainedTargetCol), DataTypes.IntegerType, true)
                .add($(errorCol), DataTypes.StringType, true);
    }

    /**
     * The rows with their attributions (lazily, as any transformation). Before any job, on the driver: the schema
     * checks, then the network is read and converted (an unsupported layer fails here, naming it), and the input
     * shape, the references and a fixed target are checked against it.
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType in = dataset.schema();
        StructType out = transformSchema(in);
        SparkSession spark = dataset.sparkSession();
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        ModelSource.Fingerprint fingerprint = ModelSource.fingerprint($(modelPath), hadoop);
        ModelSource.Loaded loaded = ModelSource.get(fingerprint, hadoop);
        ExplainedModel model = loaded.explainer().model();
        if (model.inputCount() != 1 || model.outputCount() != 1) {
            throw new IllegalArgumentException(WHO + "the network has " + model.inputCount() + " inputs and "
                    + model.outputCount() + " outputs " + model.outputNames() + "; only networks with one input and "
                    + "one output can be explained by rows");
        }
        long[] shape = NetworkChecks.shape(model, isDefined(inputShape) ? $(inputShape) : null);
        int width = Math.toIntExact(Arrays.stream(shape).reduce(1, (a, b) -> a * b));
        long units = NetworkChecks.outputUnits(loaded, shape);

        int fixedTarget = isDefined(targetCol) ? -1 : parseTarget($(target));
        if (units >= 0 && fixedTarget >= units) {
            throw new IllegalArgumentException(WHO + "target " + fixedTarget + " is out of range: the output has "
                    + units + " units (0.." + (units - 1) + ")");
        }
        double[] shared = isDefined(reference) ? $(reference) : null;
        if (shared != null) {
            NetworkChecks.checkRow(shared, width, "reference");
        }
        double[][] bg = isDefined(background) ? $(background) : null;
        if (bg != null) {
            if (bg.length == 0) {
                throw new IllegalArgumentException(WHO + "background has no rows");
            }
            for (int i = 0; i < bg.length; i++) {
                NetworkChecks.checkRow(bg[i], width, "background row " + i);
            }
        }
        int shuffles = (Integer) $(shuffledReferences);
        Layout layout = shuffles > 0 ? NetworkChecks.sequenceLayout(parseLayout($(sequenceLayout)), shape) : null;

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
        Broadcast<double[][]> bgBroadcast = bg == null ? null : jsc.broadcast(bg);
        int referenceIndex = isDefined(referenceCol) ? in.fieldIndex($(referenceCol)) : -1;
        ExplainSpec spec = new ExplainSpec(fingerprint, RuleName.parse($(rule)), shape, model.dataType(), units,
                in.fieldIndex($(inputCol)), InputKind.of(in.apply($(inputCol)).dataType()), referenceIndex,
                referenceIndex < 0 ? null : InputKind.of(in.apply($(referenceCol)).dataType()),
                isDefined(targetCol) ? in.fieldIndex($(targetCol)) : -1, fixedTarget, shared, bg != null, shuffles,
                getSeed(), layout, getBatchSize(), doubleScores(), in.size());
        return dataset.toDF().mapPartitions(new PartitionExplainer(spec, conf, bgBroadcast), Encoders.row(out));
    }

    private static void requireColumn(StructType schema, String what, String column) {
        field(schema, column, what);
        DataType type = schema.apply(column).dataType();
        if (InputKind.of(type) == null) {
            throw new IllegalArgumentException(WHO + what + " column '" + column + "' has type " + type.simpleString()
                    + "; expected " + InputKind.ACCEPTED);
        }
    }

    private static StructField field(StructType schema, String column, String what) {
        if (!Arrays.asList(schema.fieldNames()).contains(column)) {
            throw new IllegalArgumentException(WHO + what + " column '" + column + "' does not exist; the columns "
                    + "are " + String.join(", ", schema.fieldNames()));
        }
        return schema.apply(column);
    }

    /** -1 for {@value #PREDICTED}, else the unit index. */
    private static int parseTarget(String value) {
        if (PREDICTED.equals(value)) {
            return -1;
        }
        try {
            int unit = Integer.parseInt(value == null ? "" : value.trim());
            if (unit >= 0) {
                return unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(WHO + "target must be '" + PREDICTED + "' or a unit index (0, 1, ...); "
                + "got '" + value + "'");
    }

    private boolean doubleScores() {
        return parseScoresType($(scoresType));
    }

    /** True for double. */
    private static boolean parseScoresType(String type) {
        if ("float".equals(type) || "double".equals(type)) {
            return "double".equals(type);
        }
        throw new IllegalArgumentException(WHO + "scoresType must be float or double; got '" + type + "'");
    }

    /** The layout, or null for auto. */
    private static Layout parseLayout(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        if (v.equals("AUTO")) {
            return null;
        }
        if (v.equals("NCW") || v.equals("NWC")) {
            return Layout.valueOf(v);
        }
        throw new IllegalArgumentException(WHO + "sequenceLayout must be NCW, NWC or auto; got '" + value + "'");
    }
}
