package dev.nori.notification.template;

/**
 * A template rendered for one recipient.
 *
 * @param template the template's name
 * @param subject the subject line
 * @param html the HTML part, in the shared layout
 * @param text the plain-text part
 */
public record RenderedMail(String template, String subject, String html, String text) {
}
