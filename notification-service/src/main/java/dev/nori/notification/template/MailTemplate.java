package dev.nori.notification.template;

import java.util.Map;
import java.util.Set;

/**
 * A template the service knows: {@code mail/<name>.html} and {@code mail/<name>.txt}
 * (whose first line is {@code Subject: …}), the variables it needs, and sample values for
 * previews.
 *
 * @param name the template's name
 * @param variables the variables it needs
 * @param sample values to preview it with
 */
public record MailTemplate(String name, Set<String> variables, Map<String, Object> sample) {
}
