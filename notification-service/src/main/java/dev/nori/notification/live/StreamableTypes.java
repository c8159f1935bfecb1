package dev.nori.notification.live;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.nori.contracts.auth.EmailVerified;
import dev.nori.contracts.auth.PasswordChanged;
import dev.nori.contracts.auth.PermissionsChanged;
import dev.nori.contracts.auth.UserDisabled;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.contracts.content.ArticleEvents;
import dev.nori.contracts.event.EventType;
import dev.nori.contracts.jobs.JobEvents;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The event types that leave the platform (live streams, webhooks), and who may see each.
 * Everything else stays inside: above all the events that carry single-use tokens
 * (verification and reset requests), which are never listed here.
 */
public final class StreamableTypes {

	/** The permission that shows every listed event, whoever it is about. */
	public static final String ADMIN_PERMISSION = "notifications.manage";

	private static final Map<String, StreamableType> TYPES = index(List.of(
			of(ArticleEvents.PUBLISHED, Visibility.PUBLIC, null),
			of(ArticleEvents.UNPUBLISHED, Visibility.PUBLIC, null), of(ArticleEvents.ARCHIVED, Visibility.PUBLIC, null),
			of(ArticleEvents.CREATED, Visibility.OWNER, "authorId"),
			of(ArticleEvents.UPDATED, Visibility.OWNER, "authorId"),
			of(ArticleEvents.DELETED, Visibility.OWNER, "authorId"),
			of(ArticleEvents.RESTORED, Visibility.OWNER, "authorId"),
			of(PasswordChanged.TYPE, Visibility.OWNER, "userId"), of(EmailVerified.TYPE, Visibility.OWNER, "userId"),
			of(PermissionsChanged.TYPE, Visibility.OWNER, "userId"), of(UserRegistered.TYPE, Visibility.ADMIN, null),
			of(UserDisabled.TYPE, Visibility.ADMIN, null), of(JobEvents.SUCCEEDED, Visibility.OWNER, "enqueuedBy"),
			of(JobEvents.FAILED, Visibility.OWNER, "enqueuedBy"), of(JobEvents.DEAD, Visibility.OWNER, "enqueuedBy")));

	private StreamableTypes() {
	}

	/**
	 * Returns every streamable type by name.
	 * @return the types
	 */
	public static Map<String, StreamableType> all() {
		return TYPES;
	}

	/**
	 * Finds a type.
	 * @param name the type name
	 * @return the type, if it may leave the platform
	 */
	public static Optional<StreamableType> find(String name) {
		return Optional.ofNullable(TYPES.get(name));
	}

	/**
	 * Returns the Kafka topics the streamable types travel on.
	 * @return the topic names
	 */
	public static List<String> topics() {
		return TYPES.values().stream().map(StreamableType::topic).distinct().sorted().toList();
	}

	private static StreamableType of(EventType<?> type, Visibility visibility, @Nullable String ownerField) {
		return new StreamableType(type.name(), type.topic(), visibility, ownerField);
	}

	private static Map<String, StreamableType> index(List<StreamableType> types) {
		Map<String, StreamableType> byName = new LinkedHashMap<>();
		types.forEach((type) -> byName.put(type.name(), type));
		return java.util.Collections.unmodifiableMap(byName);
	}

	/**
	 * An event type that may leave the platform.
	 *
	 * @param name its name
	 * @param topic its topic
	 * @param visibility who may see it
	 * @param ownerField the payload field naming the user it is about, for
	 * {@link Visibility#OWNER}
	 */
	public record StreamableType(String name, String topic, Visibility visibility, @Nullable String ownerField) {

		/**
		 * Returns the user an event of this type is about.
		 * @param data the event's payload
		 * @return the owner, or {@code null} when the type has none or the payload lacks
		 * it
		 */
		public @Nullable String ownerIn(JsonNode data) {
			return (this.ownerField != null && data.hasNonNull(this.ownerField)) ? data.get(this.ownerField).asString()
					: null;
		}

	}

}
