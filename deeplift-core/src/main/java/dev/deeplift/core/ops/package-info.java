/** Linear maps (dense, convolution, pooling, affine normalization, reshapes) that the Linear rule passes through. */
package dev.deeplift.core.ops;
