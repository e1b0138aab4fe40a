/** Graph clean-up passes run after import (BatchNorm folding). Each pass returns a new graph. */
package dev.snnc.frontend.passes;
