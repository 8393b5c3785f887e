package io.github.flinkkinesis.testing.front;

/**
 * The faults a {@link QuotaFront} injected, counted from its start.
 *
 * @param internalFailures data calls answered HTTP 500 InternalFailure (not forwarded)
 * @param entryFailures PutRecords entries answered InternalFailure (not forwarded)
 * @param connectionResets data calls forwarded and answered by the server, whose connection the
 *     front then closed without answering
 * @param recordsInLostAnswers records the server stored in those calls: a client that retries them
 *     writes each again, so a sink's duplicates are at most this many
 * @param slowResponses calls held back by the slow-response delay
 */
public record FaultCounts(
        long internalFailures,
        long entryFailures,
        long connectionResets,
        long recordsInLostAnswers,
        long slowResponses) {}
