/** The Micronaut HTTP entry point: purchase, catalogue, orders, admin and the storefront page. */
package dev.checkout.adapter.rest;
