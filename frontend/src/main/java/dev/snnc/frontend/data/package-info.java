/**
 * Image datasets: the IDX container used by MNIST-format data ({@link dev.snnc.frontend.data.IdxReader}),
 * directories of such files ({@link dev.snnc.frontend.data.MnistFormatDataset}) and preprocessed
 * batches ({@link dev.snnc.frontend.data.LabeledImages}).
 */
package dev.snnc.frontend.data;
