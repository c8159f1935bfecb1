package dev.nori.notification.outgoing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A row of the sent-mail log.
 *
 * @param id the mail's id (also its Message-ID)
 * @param eventId the event that triggered it, if one did
 * @param template the template it was rendered from
 * @param recipient the address
 * @param subject the subject
 * @param html the HTML part
 * @param text the text part
 * @param state where it stands
 * @param attempts attempts so far
 * @param nextAttemptAt when it is tried next, while pending
 * @param lastError why the last attempt failed
 * @param createdAt when it was requested
 * @param sentAt when the driver accepted it
 */
public record OutgoingMail(UUID id, @Nullable UUID eventId, String template, String recipient, String subject,
		String html, String text, MailState state, int attempts, Instant nextAttemptAt, @Nullable String lastError,
		Instant createdAt, @Nullable Instant sentAt) {
}
