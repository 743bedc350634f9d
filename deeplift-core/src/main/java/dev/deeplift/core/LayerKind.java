package dev.deeplift.core;

/** The kind of a rule node, as seen by a {@link RulePolicy}. */
public enum LayerKind {
    /** A graph input. */
    INPUT,
    /** A fully connected layer (mixes signs through its weights). */
    DENSE,
    /** An embedding lookup: a token's row of a matrix, i.e. a linear map of the token's one-hot encoding. */
    EMBEDDING,
    /** A convolution of any kind (mixes signs through its kernels). */
    CONVOLUTION,
    /** A per-channel affine map such as inference batch-normalization (carries a sign split). */
    NORMALIZATION,
    /** Average, sum or max pooling. */
    POOLING,
    /** Padding, cropping, reshaping, upsampling: moves values without mixing them. */
    RESHAPE,
    /** Addition, concatenation, elementwise products and other merges of several inputs. */
    MERGE,
    /** A recurrent layer's input, recurrent and peephole weights feeding its gates and cell input. */
    RECURRENT,
    /** An attention layer's projections, scores and weighted sums. */
    ATTENTION,
    /** An elementwise nonlinearity, where a {@link Rule} applies. */
    NONLINEARITY
}
