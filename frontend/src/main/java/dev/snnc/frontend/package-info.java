/**
 * The frontend: turns model files into IR graphs ({@link dev.snnc.frontend.ModelLoader}) and image
 * files into batches (package {@code data}).
 */
package dev.snnc.frontend;
