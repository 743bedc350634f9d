/**
 * The paper's way of testing attributions, on sequences: a synthetic DNA task with a planted ground truth (positive
 * iff two motifs are both present, {@link dev.deeplift.bench.experiments.sequence.MotifPairTask}), an LSTM and a
 * bidirectional LSTM trained on it ({@link dev.deeplift.bench.experiments.sequence.SequenceTrainer}), and how often
 * each attribution method ranks the planted positions on top
 * ({@link dev.deeplift.bench.experiments.sequence.PlantedRecovery},
 * {@link dev.deeplift.bench.experiments.sequence.SequenceExperiment}).
 *
 * <ul>
 *   <li>{@link dev.deeplift.bench.experiments.sequence.SequenceMethods}: DeepLIFT Rescale and RevealCancel,
 *       gradient × input, integrated gradients (20 and 50 steps), DeepSHAP over dinucleotide shuffles.</li>
 *   <li>{@link dev.deeplift.bench.experiments.sequence.RecoveryTable},
 *       {@link dev.deeplift.bench.experiments.sequence.RecoveryFigure}: the outputs.</li>
 *   <li>{@link dev.deeplift.bench.experiments.sequence.SequenceMotifs}: the runnable main
 *       ({@code scripts/run-sequence-experiment.sh}; results in docs/sequence-experiment.md).</li>
 * </ul>
 */
package dev.deeplift.bench.experiments.sequence;
