package dev.nori.contracts.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A logical, versioned event type: the name consumers see on the wire, the topic it
 * travels on and the payload record it carries.
 * <p>
 * Names are past tense and versioned ({@code nori.content.article.published.v1}); the
 * payload class only maps the name to a local type and never appears on the wire.
 *
 * @param name the CloudEvents {@code type} attribute
 * @param topic the Kafka topic the event is published to
 * @param payloadType the record carried as the event's data
 * @param <T> the payload type
 */
public record EventType<T>(String name, String topic, Class<T> payloadType) {

	private static final Pattern NAME = Pattern.compile("nori(\\.[a-z][a-z0-9-]*){3,}\\.v[1-9][0-9]*");

	public EventType {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(topic, "topic");
		Objects.requireNonNull(payloadType, "payloadType");
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"Event type '" + name + "' must look like nori.<service>.<aggregate>.<event>.v<n>");
		}
	}

	/**
	 * Creates an event type.
	 * @param name the logical type name
	 * @param topic the topic
	 * @param payloadType the payload record type
	 * @param <T> the payload type
	 * @return the event type
	 */
	public static <T> EventType<T> of(String name, String topic, Class<T> payloadType) {
		return new EventType<>(name, topic, payloadType);
	}

}
