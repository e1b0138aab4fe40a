/**
 * Image files as labelled data: class-per-subfolder JPEG/PNG folders read with DJL's image-folder
 * dataset, image decoding and resize/crop transforms ({@link dev.snnc.calibration.images.ImageFolderImages}).
 * Here because DJL lives in this module only; normalisation stays in the model's
 * {@link dev.snnc.ir.Preprocessing} so fixed-point targets can fold it into the first layer.
 */
package dev.snnc.calibration.images;
