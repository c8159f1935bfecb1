package dev.nori.notification.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.contracts.identity.AccessTokens;
import dev.nori.notification.live.StreamableTypes;
import dev.nori.notification.live.Viewer;
import dev.nori.servicedefaults.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications/webhooks}: endpoints of users with {@code webhooks.manage}.
 * Each user sees and changes their own; holders of
 * {@value StreamableTypes#ADMIN_PERMISSION} see and change every one.
 */
@RestController
@PreAuthorize("hasAuthority('webhooks.manage')")
@RequestMapping("/api/notifications/webhooks")
class WebhookController {

	private final WebhookService service;

	private final Webhooks webhooks;

	WebhookController(WebhookService service, Webhooks webhooks) {
		this.service = service;
		this.webhooks = webhooks;
	}

	@PostMapping
	ResponseEntity<EndpointView> register(@Valid @RequestBody NewEndpoint request, Authentication caller) {
		String email = (caller.getPrincipal() instanceof Jwt jwt) ? jwt.getClaimAsString(AccessTokens.EMAIL_CLAIM)
				: null;
		Endpoint endpoint = this.service.register(viewer(caller), email, request.url(), request.eventTypes());
		return ResponseEntity.created(URI.create("/api/notifications/webhooks/" + endpoint.id()))
			.body(EndpointView.of(endpoint, true));
	}

	@GetMapping
	Map<String, List<EndpointView>> list(Authentication caller) {
		Viewer viewer = viewer(caller);
		return Map.of("items",
				this.webhooks.list(viewer.admin() ? null : viewer.userId())
					.stream()
					.map((endpoint) -> EndpointView.of(endpoint, false))
					.toList());
	}

	@GetMapping("/{id}")
	EndpointView get(@PathVariable UUID id, Authentication caller) {
		return EndpointView.of(visible(id, caller), false);
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id, Authentication caller) {
		this.webhooks.delete(visible(id, caller).id());
	}

	@PostMapping("/{id}/enable")
	EndpointView enable(@PathVariable UUID id, Authentication caller) {
		this.service.enable(visible(id, caller));
		return get(id, caller);
	}

	@GetMapping("/{id}/deliveries")
	Map<String, List<DeliveryView>> deliveries(@PathVariable UUID id, Authentication caller) {
		return Map.of("items",
				this.webhooks.deliveries(visible(id, caller).id(), 100).stream().map(DeliveryView::of).toList());
	}

	@PostMapping("/{id}/deliveries/{deliveryId}/redeliver")
	ResponseEntity<DeliveryView> redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId,
			Authentication caller) {
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(DeliveryView.of(this.service.redeliver(visible(id, caller), deliveryId)));
	}

	// someone else's endpoint is as absent as a missing one
	private Endpoint visible(UUID id, Authentication caller) {
		Viewer viewer = viewer(caller);
		return this.webhooks.find(id)
			.filter((endpoint) -> viewer.admin() || endpoint.ownerId().equals(viewer.userId()))
			.orElseThrow(() -> ProblemException.notFound("No webhook endpoint " + id));
	}

	private static Viewer viewer(Authentication caller) {
		return Viewer.of(caller.getName(),
				caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
	}

	/**
	 * An endpoint to register.
	 *
	 * @param url the receiver, http or https
	 * @param eventTypes the event types it receives
	 */
	record NewEndpoint(@NotBlank @Size(max = 2000) String url,
			@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> eventTypes) {
	}

	/**
	 * An endpoint as the API shows it; the secret only when it was just created.
	 *
	 * @param id its id
	 * @param url the receiver
	 * @param eventTypes what it receives
	 * @param enabled whether deliveries go out
	 * @param consecutiveFailures failed attempts since the last success
	 * @param disabledReason why it was disabled
	 * @param createdAt when it was registered
	 * @param secret the signing secret, shown once
	 */
	record EndpointView(UUID id, String url, List<String> eventTypes, boolean enabled, int consecutiveFailures,
			@Nullable String disabledReason, Instant createdAt, @Nullable String secret) {

		static EndpointView of(Endpoint endpoint, boolean withSecret) {
			return new EndpointView(endpoint.id(), endpoint.url().toString(), endpoint.eventTypes(), endpoint.enabled(),
					endpoint.consecutiveFailures(), endpoint.disabledReason(), endpoint.createdAt(),
					withSecret ? endpoint.secret() : null);
		}

	}

	/**
	 * A delivery as the log shows it.
	 *
	 * @param id its id
	 * @param eventId the event
	 * @param eventType its type
	 * @param messageId the {@code webhook-id} the receiver saw
	 * @param redeliveryOf the delivery it repeats
	 * @param state {@code pending}, {@code retrying}, {@code succeeded} or {@code dead}
	 * @param attempts attempts so far
	 * @param lastError why the last attempt failed (with the receiver's status)
	 * @param latencyMillis from the event to the receiver's 2xx
	 * @param createdAt when it was created
	 * @param updatedAt when it last changed
	 */
	record DeliveryView(UUID id, UUID eventId, String eventType, String messageId, @Nullable UUID redeliveryOf,
			String state, int attempts, @Nullable String lastError, @Nullable Long latencyMillis, Instant createdAt,
			Instant updatedAt) {

		static DeliveryView of(Delivery delivery) {
			return new DeliveryView(delivery.id(), delivery.eventId(), delivery.eventType(), delivery.messageId(),
					delivery.redeliveryOf(), delivery.state(), delivery.attempts(), delivery.lastError(),
					delivery.latencyMillis(), delivery.createdAt(), delivery.updatedAt());
		}

	}

}
