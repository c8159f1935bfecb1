package dev.nori.notification.live;

import org.jspecify.annotations.Nullable;

/**
 * A domain event on its way to clients.
 *
 * @param id the event id (the SSE id; a client resumes after it)
 * @param type the event type
 * @param visibility who may see it
 * @param owner the user it is about, for {@link Visibility#OWNER}
 * @param json what clients receive:
 * {@code {"kind":"event","id","type","subject","time","data"}}
 */
public record LiveEvent(String id, String type, Visibility visibility, @Nullable String owner, String json) {
}
