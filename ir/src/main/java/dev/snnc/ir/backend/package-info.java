/**
 * The plug-in point for hardware backends: the {@link dev.snnc.ir.backend.Backend} service
 * interface, the registry of installed backends, and the driver that verifies, legalizes and emits.
 * The CLI knows backends only through this package.
 */
package dev.snnc.ir.backend;
