package dev.nori.jobs.handler;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.nori.servicedefaults.core.problem.FieldViolation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Every registered handler, by type.
 */
@Component
public class JobHandlers {

	private final Map<String, JobHandler<?>> byType;

	private final JsonMapper json;

	JobHandlers(List<JobHandler<?>> handlers, JsonMapper json) {
		this.byType = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
		this.json = json;
	}

	/**
	 * Returns the registered types.
	 * @return the types, sorted
	 */
	public TreeSet<String> types() {
		return new TreeSet<>(this.byType.keySet());
	}

	/**
	 * Returns the handler of a type.
	 * @param type the type
	 * @return the handler, if one is registered
	 */
	public Optional<JobHandler<?>> find(String type) {
		return Optional.ofNullable(this.byType.get(type));
	}

	/**
	 * Checks that a payload fits its handler.
	 * @param type the type
	 * @param payload the payload
	 * @return the problem, if it does not fit
	 */
	public Optional<String> check(String type, JsonNode payload) {
		JobHandler<?> handler = this.byType.get(type);
		if (handler == null) {
			return Optional.of("no handler for type '" + type + "'; known: " + types());
		}
		return checkWith(handler, payload);
	}

	private <T> Optional<String> checkWith(JobHandler<T> handler, JsonNode payload) {
		T value;
		try {
			value = this.json.treeToValue(payload, handler.payloadType());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return Optional.of("does not fit a " + handler.type() + " job");
		}
		List<String> problems = handler.validate(value);
		return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
	}

	/**
	 * Checks a job's type and payload as a client sent them.
	 * @param type the type
	 * @param payload the payload
	 * @return the problems, by field ({@code type} or {@code payload}); empty when none
	 */
	public List<FieldViolation> problems(String type, JsonNode payload) {
		if (!payload.isObject()) {
			return List.of(new FieldViolation("payload", "must be a JSON object"));
		}
		return check(type, payload)
			.map((problem) -> List.of(new FieldViolation(this.byType.containsKey(type) ? "payload" : "type", problem)))
			.orElse(List.of());
	}

	/**
	 * Runs a job with its handler.
	 * @param type the type
	 * @param payload the payload as stored
	 * @param context the attempt
	 * @throws Exception what the handler threw
	 */
	public void run(String type, String payload, JobContext context) throws Exception {
		JobHandler<?> handler = this.byType.get(type);
		if (handler == null) {
			throw new IllegalStateException("No handler for job type '" + type + "' in this worker");
		}
		invoke(handler, payload, context);
	}

	private <T> void invoke(JobHandler<T> handler, String payload, JobContext context) throws Exception {
		handler.handle(this.json.readValue(payload, handler.payloadType()), context);
	}

}
