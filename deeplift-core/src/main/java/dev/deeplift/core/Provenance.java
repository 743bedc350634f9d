package dev.deeplift.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * How an {@link Attribution} was computed: enough to reproduce it and to tell two results apart.
 *
 * @param method      the attribution method: {@code "DeepLIFT"}, {@code "gradient"}, {@code "guided backpropagation"},
 *                    {@code "integrated gradients"}, {@code "DeepSHAP"}
 * @param rules       the rule policy of DeepLIFT's nonlinearities, or null where no DeepLIFT rule applies
 * @param maxPoolMode how max-pooling credited its inputs, or null where no DeepLIFT rule applies
 * @param reference   what the input was compared with, e.g. {@code "zeros"}, {@code "one shared [1, ...]"},
 *                    {@code "one per example"}, {@code "background of 10 samples"}
 * @param dataType    the data type the arithmetic ran in
 * @param model       the explained model, e.g. {@code "MultiLayerNetwork(3 layers)"}, or null if not known
 * @param details     anything else that changes the numbers (steps, the explainer DeepSHAP averaged, a normalized
 *                    target), or an empty string
 * @param version     the deeplift4j version that computed it
 */
public record Provenance(String method, RulePolicy rules, MaxPoolMode maxPoolMode, String reference,
                         DataType dataType, String model, String details, String version) {

    /** The version of this library, from the build ({@code "unknown"} when run from classes without it). */
    public static final String LIBRARY_VERSION = readVersion();

    /** Checks the required parts. */
    public Provenance {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(reference, "reference");
        details = details == null ? "" : details;
        version = version == null ? LIBRARY_VERSION : version;
    }

    /** A provenance of this library's version. */
    public static Provenance of(String method, RulePolicy rules, MaxPoolMode maxPoolMode, String reference,
                                DataType dataType, String model, String details) {
        return new Provenance(method, rules, maxPoolMode, reference, dataType, model, details, LIBRARY_VERSION);
    }

    /** The same provenance with another reference description. */
    public Provenance withReference(String description) {
        return new Provenance(method, rules, maxPoolMode, description, dataType, model, details, version);
    }

    /** The same provenance with more details appended. */
    public Provenance withDetails(String more) {
        return new Provenance(method, rules, maxPoolMode, reference, dataType, model,
                details.isEmpty() ? more : details + "; " + more, version);
    }

    /** The method with its rules, e.g. {@code "DeepLIFT RESCALE"} or {@code "DeepLIFT RESCALE, max-pool GRADIENT"}. */
    public String describeMethod() {
        StringBuilder sb = new StringBuilder(method);
        if (rules != null) {
            sb.append(' ').append(rules);
        }
        if (maxPoolMode != null && maxPoolMode != MaxPoolMode.CROSS_MAX) {
            sb.append(", max-pool ").append(maxPoolMode);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describeMethod() + (details.isEmpty() ? "" : " (" + details + ")") + ", reference " + reference
                + ", " + dataType + (model == null ? "" : ", " + model) + ", deeplift4j " + version;
    }

    private static String readVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/dev/deeplift/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
