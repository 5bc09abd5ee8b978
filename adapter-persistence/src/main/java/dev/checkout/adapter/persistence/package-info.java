/** Orders, Inventory, Catalogue and TransactionRunner on micronaut-data-jdbc over H2 or PostgreSQL. */
package dev.checkout.adapter.persistence;
