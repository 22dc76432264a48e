package io.manticore.api.admin;

/**
 * Counters of one operation in one scope ({@code module:memfs}, {@code protocol:nfs3}):
 * calls, failed calls, and the time spent until completion.
 */
public record OpStats(String scope, String operation, long calls, long errors, long totalNanos) {
}
