/**
 * Rule nodes of sequence models: recurrent layers as single nodes that run their own forward and backward through
 * time ({@link dev.deeplift.core.nodes.recurrent.LstmNode}, {@link dev.deeplift.core.nodes.recurrent.SimpleRnnNode}),
 * and the sequence operations around them: per-step selections, masks, pooling over time, reversal and duplication.
 * Masks ({@code [N, T]}, 1 for real steps) are graph inputs that take no multipliers.
 */
package dev.deeplift.core.nodes.recurrent;
