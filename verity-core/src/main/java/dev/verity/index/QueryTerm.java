package dev.verity.index;

/**
 * A query term after the index's own analysis (lower-casing, stop words, stemming) with its inverse document
 * frequency in the index, so other steps can weigh words exactly as keyword search does.
 */
public record QueryTerm(String term, double idf) {}
