/**
 * The command line, {@link dev.deeplift.cli.DeepLiftCli}: {@code explain} explains a DL4J network saved with
 * {@code ModelSerializer} for inputs from {@code .npy} or {@code .csv} files, writing the scores
 * ({@code .npy}, optionally {@code .csv}), the summation-to-delta check of every example and heatmaps; {@code demo}
 * trains a small CNN on synthetic images and runs {@code explain} on it. {@link dev.deeplift.cli.NpyReader}
 * and {@link dev.deeplift.cli.NpyWriter} read and write NumPy's {@code .npy} files.
 */
package dev.deeplift.cli;
