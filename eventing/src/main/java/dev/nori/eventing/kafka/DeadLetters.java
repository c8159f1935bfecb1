package dev.nori.eventing.kafka;

import java.nio.charset.StandardCharsets;

import dev.nori.contracts.event.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Consumer error handling: a failing record is retried with exponential backoff a bounded
 * number of times, then published to {@code <topic>.dlt} with its original key, value and
 * headers plus the failure reason, and the partition moves on.
 */
public final class DeadLetters {

	/** Header with the failure reason on dead-lettered records. */
	public static final String REASON_HEADER = "nori_dlt_reason";

	private DeadLetters() {
	}

	/**
	 * Creates the error handler.
	 * @param kafka sends dead letters
	 * @param maxAttempts how often a record is tried in all
	 * @param initialBackoff the first pause, in milliseconds
	 * @param multiplier how much each pause grows
	 * @param maxBackoff the longest pause, in milliseconds
	 * @param notRetryable failures that no retry can cure; they go to the dead-letter
	 * topic at once
	 * @return the error handler
	 */
	@SafeVarargs
	public static DefaultErrorHandler errorHandler(KafkaOperations<String, byte[]> kafka, int maxAttempts,
			long initialBackoff, double multiplier, long maxBackoff, Class<? extends Exception>... notRetryable) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
		// Java class names and stack traces stay in the logs, not on the wire
		recoverer.excludeHeader(HeadersToAdd.EXCEPTION, HeadersToAdd.EX_CAUSE, HeadersToAdd.EX_STACKTRACE);
		recoverer.addHeadersFunction((record, ex) -> {
			RecordHeaders headers = new RecordHeaders();
			headers.add(REASON_HEADER, reason(ex).getBytes(StandardCharsets.UTF_8));
			return headers;
		});
		ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxAttempts - 1);
		backOff.setInitialInterval(initialBackoff);
		backOff.setMultiplier(multiplier);
		backOff.setMaxInterval(maxBackoff);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		for (Class<? extends Exception> type : notRetryable) {
			handler.addNotRetryableExceptions(type);
		}
		return handler;
	}

	// the listener's own exception, not the container's wrapper
	static String reason(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getClass().getName().startsWith("org.springframework.kafka")) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : "failed without a message";
	}

}
