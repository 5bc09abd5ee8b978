/** Load generator and reports for the sandbox and the whole purchase. */
package dev.checkout.bench;
