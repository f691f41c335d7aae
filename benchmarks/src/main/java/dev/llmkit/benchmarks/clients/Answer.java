package dev.llmkit.benchmarks.clients;

/** What every client extracts from one exchange, so that all do the same work and can be checked. */
public record Answer(String text, long inputTokens, long outputTokens) {}
