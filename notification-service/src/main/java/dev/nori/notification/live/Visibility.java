package dev.nori.notification.live;

/**
 * Who may see an event on a live stream or through a webhook.
 */
public enum Visibility {

	/** Everyone who subscribes (published content). */
	PUBLIC,
	/** The user the event is about (its owner field), and administrators. */
	OWNER,
	/** Administrators only. */
	ADMIN

}
