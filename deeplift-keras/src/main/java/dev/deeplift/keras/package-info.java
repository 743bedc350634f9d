/**
 * Import of Keras models (JSON configuration plus HDF5 weights) through DL4J's KerasModelImport, with the faults
 * of DL4J 1.0.0-M2.1's import corrected: see {@link dev.deeplift.keras.KerasModels}.
 */
package dev.deeplift.keras;
