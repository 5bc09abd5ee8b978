package dev.checkout.archfixture.adapter.rest;

import dev.checkout.archfixture.application.LeakyService;

/** Deliberately broken: an inbound adapter holding the use case implementation instead of its port. */
public class LeakyController {
    public LeakyService service;
}
