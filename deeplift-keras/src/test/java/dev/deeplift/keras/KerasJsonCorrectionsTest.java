package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON corrections of recurrent Keras models, on small hand-written model configurations. */
class KerasJsonCorrectionsTest {

    private static String lstm(String name, boolean returnSequences, boolean goBackwards) {
        return "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"" + name + "\", \"units\": 4, "
                + "\"return_sequences\": " + returnSequences + ", \"go_backwards\": " + goBackwards + ", "
                + "\"kernel_initializer\": {\"class_name\": \"VarianceScaling\", \"config\": {\"scale\": 1.0}}, "
                + "\"recurrent_initializer\": {\"class_name\": \"Orthogonal\", \"config\": {\"gain\": 1.0, "
                + "\"seed\": null}}}}";
    }

    private static String sequential(String... layers) {
        return "{\"class_name\": \"Sequential\", \"keras_version\": \"2.2.4\", \"config\": {\"name\": \"s\", "
                + "\"layers\": [" + String.join(", ", layers) + "]}}";
    }

    private static final String MASKING = "{\"class_name\": \"Masking\", \"config\": {\"name\": \"m\", "
            + "\"mask_value\": 0.0}}";

    @Test
    void orthogonalInitializersBecomeZerosAndNothingElseChanges() {
        List<String> changes = new ArrayList<>();
        String json = KerasJsonCorrections.correct(sequential(lstm("a", true, false), lstm("b", false, false)),
                changes);
        assertFalse(json.contains("Orthogonal"), json);
        assertEquals(2, json.split("\"Zeros\"", -1).length - 1, json);
        assertTrue(json.contains("VarianceScaling") && json.contains("\"units\":4"), json);
        assertEquals(1, changes.size());
        assertTrue(changes.get(0).startsWith("2 Orthogonal initializers"), changes.get(0));
    }

    @Test
    void goBackwardsIsRefusedNamingTheLayer() {
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasJsonCorrections.correct(
                sequential(lstm("backwards", false, true)), new ArrayList<>()));
        assertTrue(e.getMessage().contains("\"backwards\"") && e.getMessage().contains("go_backwards"),
                e.getMessage());
    }

    @Test
    void aMaskedRecurrentLayerReturningItsLastStepIsRefused() {
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasJsonCorrections.correct(
                sequential(MASKING, lstm("last", false, false)), new ArrayList<>()));
        assertTrue(e.getMessage().contains("\"last\"") && e.getMessage().contains("ClassCastException"),
                e.getMessage());
        String embedding = "{\"class_name\": \"Embedding\", \"config\": {\"name\": \"e\", \"mask_zero\": true}}";
        assertThrows(KerasImportException.class, () -> KerasJsonCorrections.correct(
                sequential(embedding, lstm("last", false, false)), new ArrayList<>()));
    }

    @Test
    void aMaskedRecurrentLayerReturningSequencesIsAccepted() {
        String json = KerasJsonCorrections.correct(sequential(MASKING, lstm("seq", true, false)), new ArrayList<>());
        assertTrue(json.contains("\"seq\""));
    }

    @Test
    void inFunctionalModelsTheFeedingLayerIsTheInboundOne() {
        String functional = "{\"class_name\": \"Model\", \"config\": {\"name\": \"f\", \"layers\": ["
                + "{\"class_name\": \"Masking\", \"name\": \"m\", \"config\": {\"name\": \"m\"}, "
                + "\"inbound_nodes\": []},"
                + "{\"class_name\": \"Dense\", \"name\": \"d\", \"config\": {\"name\": \"d\"}, \"inbound_nodes\": []},"
                + "{\"class_name\": \"LSTM\", \"name\": \"l\", \"config\": {\"name\": \"l\", \"return_sequences\": "
                + "false}, \"inbound_nodes\": [[[\"m\", 0, 0, {}]]]}]}}";
        assertThrows(KerasImportException.class, () -> KerasJsonCorrections.correct(functional, new ArrayList<>()));
        String fromDense = functional.replace("[[[\"m\", 0, 0, {}]]]", "[[[\"d\", 0, 0, {}]]]");
        KerasJsonCorrections.correct(fromDense, new ArrayList<>());
    }

    @Test
    void aBidirectionalWithADifferentBackwardLayerIsRefusedAndAnEqualOneAccepted() {
        String forward = KerasRecurrentFixtures.simpleRnn("rnn", 2, "tanh", true, -1, 0, "Zeros");
        String sameBackward = KerasRecurrentFixtures.simpleRnn("rnn_back", 2, "tanh", true, -1, 0, "Zeros")
                .replace("\"go_backwards\": false", "\"go_backwards\": true");
        String otherBackward = sameBackward.replace("\"tanh\"", "\"relu\"");
        String bidi = KerasRecurrentFixtures.bidirectional("bidi", forward, "concat", 3, 2);
        String withBackward = "\"layer\": " + forward + ", \"backward_layer\": ";
        KerasImportException e = assertThrows(KerasImportException.class, () -> KerasJsonCorrections.correct(
                sequential(bidi.replace("\"layer\": " + forward + ",", withBackward + otherBackward + ",")),
                new ArrayList<>()));
        assertTrue(e.getMessage().contains("\"bidi\"") && e.getMessage().contains("backward_layer"),
                e.getMessage());
        KerasJsonCorrections.correct(sequential(bidi.replace("\"layer\": " + forward + ",",
                withBackward + sameBackward + ",")), new ArrayList<>());
        KerasJsonCorrections.correct(sequential(bidi), new ArrayList<>());
    }
}
