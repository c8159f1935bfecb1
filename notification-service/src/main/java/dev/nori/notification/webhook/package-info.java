/**
 * Outbound webhooks: endpoints, signed deliveries as job-service {@code http} jobs, and
 * their delivery log.
 */
@NullMarked
package dev.nori.notification.webhook;

import org.jspecify.annotations.NullMarked;
