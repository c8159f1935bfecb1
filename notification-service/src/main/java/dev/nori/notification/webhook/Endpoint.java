package dev.nori.notification.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A registered receiver.
 *
 * @param id its id
 * @param ownerId the user who registered it
 * @param ownerEmail where to tell them it was disabled
 * @param ownerAdmin whether its owner sees administrators' events
 * @param url where deliveries go
 * @param eventTypes what it receives
 * @param secret the signing secret ({@code whsec_…})
 * @param enabled whether deliveries go out
 * @param consecutiveFailures failed attempts since the last success
 * @param disabledReason why it was disabled
 * @param createdAt when it was registered
 */
record Endpoint(UUID id, String ownerId, @Nullable String ownerEmail, boolean ownerAdmin, URI url,
		List<String> eventTypes, String secret, boolean enabled, int consecutiveFailures,
		@Nullable String disabledReason, Instant createdAt) {
}
