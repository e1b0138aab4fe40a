/**
 * ONNX import. {@link dev.snnc.frontend.onnx.OnnxImporter} reads a model with the protobuf classes
 * generated from onnx.proto at build time and converts each node with a small per-operator
 * importer; every unsupported construct becomes a diagnostic naming node, op type and opset.
 */
package dev.snnc.frontend.onnx;
