/**
 * The closed set of network operations. Each op is an immutable record that knows its arity, its
 * output shape, its canonical attribute text and its cost; {@link dev.snnc.ir.op.OpVisitor} makes
 * a missing case a compile error in every pass and backend.
 */
package dev.snnc.ir.op;
