/**
 * The network IR: an immutable, shape-checked {@link dev.snnc.ir.Graph} of {@link dev.snnc.ir.Node}s
 * with value-semantics {@link dev.snnc.ir.Tensor}s, a canonical text form
 * ({@link dev.snnc.ir.GraphPrinter}) and cost counting ({@link dev.snnc.ir.GraphStats}). Every node
 * keeps its {@link dev.snnc.ir.Origin} so errors can name it. Depends on the JDK only.
 */
package dev.snnc.ir;
