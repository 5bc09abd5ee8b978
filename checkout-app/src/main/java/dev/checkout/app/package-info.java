/** The runnable checkout: main and the one factory that wires the core to its adapters. */
package dev.checkout.app;
