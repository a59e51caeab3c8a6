package dev.verity.retrieval;

/** How one retrieval leg ranked a chunk: 1-based rank and the engine's raw score. */
public record LegHit(int rank, double score) {}
