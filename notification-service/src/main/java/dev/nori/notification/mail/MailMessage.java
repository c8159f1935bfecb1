package dev.nori.notification.mail;

import java.util.UUID;

/**
 * One mail ready to go: both parts rendered, one recipient.
 *
 * @param id the mail's id, also its {@code Message-ID} (so receivers can spot a repeat)
 * @param from the sender address
 * @param to the recipient
 * @param subject the subject
 * @param html the HTML part
 * @param text the plain-text part
 */
public record MailMessage(UUID id, String from, String to, String subject, String html, String text) {
}
