package dev.nori.contracts.event;

/**
 * Kafka topic names, one per stream. Records are keyed by aggregate id so that each
 * aggregate's events stay in order.
 */
public final class Topics {

	/** Audit records from every service; auth-service stores them. */
	public static final String AUDIT = "nori.audit";

	/** User lifecycle events from auth-service. */
	public static final String AUTH_USERS = "nori.auth.users";

	/** Article lifecycle events from content-service. */
	public static final String CONTENT_ARTICLES = "nori.content.articles";

	/** Category tree events from content-service. */
	public static final String CONTENT_CATEGORIES = "nori.content.categories";

	/** Commands that enqueue jobs in job-service. */
	public static final String JOBS_COMMANDS = "nori.jobs.commands";

	/** Job lifecycle events from job-service. */
	public static final String JOBS_EVENTS = "nori.jobs.events";

	private static final String DEAD_LETTER_SUFFIX = ".dlt";

	private Topics() {
	}

	/**
	 * Returns the dead-letter topic for a topic.
	 * @param topic the source topic
	 * @return {@code <topic>.dlt}
	 */
	public static String deadLetter(String topic) {
		return topic + DEAD_LETTER_SUFFIX;
	}

}
