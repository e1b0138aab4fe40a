/** Artifact output helpers shared by every module that writes files (atomic replace). */
package dev.snnc.ir.io;
