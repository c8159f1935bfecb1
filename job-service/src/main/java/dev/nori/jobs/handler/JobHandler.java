package dev.nori.jobs.handler;

import java.util.List;

/**
 * Runs jobs of one type. Declare a Spring bean per type; the payload is read from the
 * job's JSON into {@link #payloadType()} when the job is enqueued (a payload that does
 * not fit is refused then) and again when it runs.
 * <p>
 * Return normally for success; throw to fail the attempt (it is retried with backoff
 * until its attempts run out). A handler may run more than once for one job (a worker
 * that dies mid-job cannot report), so make it idempotent. Honour interruption: it is how
 * a timeout or a shutdown stops the job.
 *
 * @param <T> the payload type
 */
public interface JobHandler<T> {

	/**
	 * Returns the job type this handler runs, such as {@code mail.send}.
	 * @return the type
	 */
	String type();

	/**
	 * Returns the class the payload is read into.
	 * @return the payload class
	 */
	Class<T> payloadType();

	/**
	 * Checks a payload beyond its shape, when the job is enqueued.
	 * @param payload the payload
	 * @return what is wrong with it, one message per problem; empty when nothing is
	 */
	default List<String> validate(T payload) {
		return List.of();
	}

	/**
	 * Runs one attempt.
	 * @param payload the job's payload
	 * @param context the job's id, attempt and deadline
	 * @throws Exception to fail the attempt; its message is recorded
	 */
	void handle(T payload, JobContext context) throws Exception;

}
