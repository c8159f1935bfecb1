package dev.nori.notification.live;

import java.util.Collection;

/**
 * Who is watching: a user id and whether they see everything.
 *
 * @param userId the token subject
 * @param admin whether they hold {@value StreamableTypes#ADMIN_PERMISSION}
 */
public record Viewer(String userId, boolean admin) {

	/**
	 * Creates a viewer from a caller's permissions.
	 * @param userId the token subject
	 * @param permissions the caller's permissions
	 * @return the viewer
	 */
	public static Viewer of(String userId, Collection<String> permissions) {
		return new Viewer(userId, permissions.contains(StreamableTypes.ADMIN_PERMISSION));
	}

	/**
	 * Tells whether this viewer may subscribe to a type at all.
	 * @param type the type
	 * @return whether they may
	 */
	public boolean maySubscribe(StreamableTypes.StreamableType type) {
		return this.admin || type.visibility() != Visibility.ADMIN;
	}

	/**
	 * Tells whether this viewer may see one event.
	 * @param event the event
	 * @return whether they may
	 */
	public boolean maySee(LiveEvent event) {
		return maySee(event.visibility(), event.owner());
	}

	/**
	 * Tells whether this viewer may see an event of some visibility about some user.
	 * @param visibility the event type's visibility
	 * @param owner the user the event is about, if any
	 * @return whether they may
	 */
	public boolean maySee(Visibility visibility, @org.jspecify.annotations.Nullable String owner) {
		return switch (visibility) {
			case PUBLIC -> true;
			case ADMIN -> this.admin;
			case OWNER -> this.admin || this.userId.equals(owner);
		};
	}

}
