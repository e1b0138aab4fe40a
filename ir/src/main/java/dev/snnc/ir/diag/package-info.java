/**
 * User-facing problem reports: stable {@link dev.snnc.ir.diag.DiagnosticCode codes}, the node
 * {@link dev.snnc.ir.Origin origin} they concern, and the exception that carries them to the CLI.
 */
package dev.snnc.ir.diag;
