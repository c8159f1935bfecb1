package dev.nori.jobs.handler;

import java.time.Instant;
import java.util.UUID;

/**
 * What a handler knows about the attempt it runs.
 *
 * @param jobId the job
 * @param type its type
 * @param attempt the attempt number, from 1
 * @param deadline when the attempt times out
 */
public record JobContext(UUID jobId, String type, int attempt, Instant deadline) {
}
