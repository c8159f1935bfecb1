package dev.nori.notification.webhook;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import dev.nori.contracts.event.EventEnvelope;
import dev.nori.contracts.jobs.EnqueueJobRequested;
import dev.nori.contracts.jobs.JobAttempted;
import dev.nori.eventing.outbox.Outbox;
import dev.nori.notification.live.StreamableTypes;
import dev.nori.notification.live.Viewer;
import dev.nori.notification.outgoing.MailService;
import dev.nori.servicedefaults.core.outbound.Destinations;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Webhook endpoints and their deliveries. Each event an endpoint subscribed to (and its
 * owner may see) becomes one delivery and one {@code http} job in job-service, commanded
 * through the outbox in the transaction that records the delivery, signed with the
 * endpoint's secret. The jobs' lifecycle events fill the delivery log and count failures;
 * a run of failed attempts disables the endpoint and mails its owner.
 */
@Service
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookService {

	private static final Logger log = LoggerFactory.getLogger(WebhookService.class);

	static final String IDEMPOTENCY_PREFIX = "webhook:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Webhooks webhooks;

	private final Outbox outbox;

	private final MailService mail;

	private final WebhookProperties properties;

	private final Destinations destinations;

	private final JsonMapper json;

	private final Clock clock;

	WebhookService(Webhooks webhooks, Outbox outbox, MailService mail, WebhookProperties properties, JsonMapper json,
			Clock clock) {
		this.webhooks = webhooks;
		this.outbox = outbox;
		this.mail = mail;
		this.properties = properties;
		this.destinations = new Destinations(properties.allowedHosts(), properties.allowLoopback());
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Registers an endpoint.
	 * @param owner who registers it
	 * @param ownerEmail where to tell them when it is disabled
	 * @param url the receiver
	 * @param eventTypes what it receives
	 * @return the endpoint, with its secret (shown this once)
	 * @throws InvalidFieldsException 400 for a bad or refused URL or an unknown type
	 * @throws ProblemException 403 for a type the owner may not see, 409 past the limit
	 */
	@Transactional
	Endpoint register(Viewer owner, @Nullable String ownerEmail, String url, List<String> eventTypes) {
		List<FieldViolation> problems = new ArrayList<>();
		URI target = null;
		try {
			target = new URI(url);
			if (!target.isAbsolute()) {
				problems.add(new FieldViolation("url", "must be an absolute http or https URL"));
			}
			else {
				this.destinations.refusal(target)
					.ifPresent((refusal) -> problems
						.add(new FieldViolation("url", refusal.replaceFirst("^url", "the URL"))));
			}
		}
		catch (java.net.URISyntaxException ex) {
			problems.add(new FieldViolation("url", "is not a URL: " + ex.getReason()));
		}
		LinkedHashSet<String> types = new LinkedHashSet<>();
		for (String type : eventTypes) {
			Optional<StreamableTypes.StreamableType> known = StreamableTypes.find(type);
			if (known.isEmpty()) {
				problems.add(new FieldViolation("eventTypes",
						"'" + abbreviated(type) + "' is not an event type webhooks carry; these are: "
								+ new TreeSet<>(StreamableTypes.all().keySet())));
			}
			else if (!owner.maySubscribe(known.get())) {
				throw ProblemException.forbidden(type + " is for holders of " + StreamableTypes.ADMIN_PERMISSION);
			}
			types.add(type);
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldsException(problems);
		}
		if (this.webhooks.countOwnedBy(owner.userId()) >= this.properties.maxEndpointsPerOwner()) {
			throw ProblemException.conflict("You have " + this.properties.maxEndpointsPerOwner()
					+ " webhook endpoints, the most allowed; delete one first");
		}
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		Endpoint endpoint = new Endpoint(UUID.randomUUID(), owner.userId(), ownerEmail, owner.admin(), target,
				List.copyOf(types), "whsec_" + Base64.getEncoder().encodeToString(key), true, 0, null,
				this.clock.instant());
		this.webhooks.insert(endpoint);
		return endpoint;
	}

	/**
	 * Turns one event into a delivery for every enabled endpoint that subscribed to its
	 * type and whose owner may see it. Runs in the transaction that marks the event
	 * handled.
	 * @param type the event's type
	 * @param event the event
	 */
	void fanOut(StreamableTypes.StreamableType type, EventEnvelope<JsonNode> event) {
		String owner = type.ownerIn(event.data());
		for (Endpoint endpoint : this.webhooks.subscribedTo(type.name())) {
			if (new Viewer(endpoint.ownerId(), endpoint.ownerAdmin()).maySee(type.visibility(), owner)) {
				UUID id = UUID.randomUUID();
				deliver(endpoint, new Delivery(id, endpoint.id(), event.id(), type.name(), "msg_" + id, body(event),
						null, "pending", 0, null, null, null, this.clock.instant(), this.clock.instant()));
			}
		}
	}

	/**
	 * Sends a delivery's event again, as a new delivery with the same message id.
	 * @param endpoint the endpoint
	 * @param deliveryId the delivery to repeat
	 * @return the new delivery
	 */
	@Transactional
	Delivery redeliver(Endpoint endpoint, UUID deliveryId) {
		Delivery original = this.webhooks.delivery(deliveryId)
			.filter((delivery) -> delivery.endpointId().equals(endpoint.id()))
			.orElseThrow(() -> ProblemException.notFound("No delivery " + deliveryId + " of this endpoint"));
		if (!endpoint.enabled()) {
			throw ProblemException.conflict("The endpoint is disabled; enable it first");
		}
		UUID id = UUID.randomUUID();
		Delivery again = new Delivery(id, endpoint.id(), original.eventId(), original.eventType(), original.messageId(),
				original.body(), original.id(), "pending", 0, null, null, null, this.clock.instant(),
				this.clock.instant());
		deliver(endpoint, again);
		return again;
	}

	/**
	 * Enables a disabled endpoint, with a clean failure count.
	 * @param endpoint the endpoint
	 */
	@Transactional
	void enable(Endpoint endpoint) {
		this.webhooks.setFailures(endpoint.id(), 0, true, null, this.clock.instant());
	}

	private void deliver(Endpoint endpoint, Delivery delivery) {
		if (!this.webhooks.insert(delivery)) {
			return;
		}
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("method", "POST");
		request.put("url", endpoint.url().toString());
		request.put("headers", Map.of("Content-Type", "application/json", "webhook-id", delivery.messageId()));
		request.put("body", delivery.body());
		request.put("signingSecret", endpoint.secret());
		this.outbox.append(EnqueueJobRequested.TYPE, endpoint.id().toString(),
				new EnqueueJobRequested("http", this.properties.queue(), request, null, null,
						this.properties.maxAttempts(), null, IDEMPOTENCY_PREFIX + delivery.id()));
	}

	/**
	 * Records the outcome of one attempt of a delivery's job. Jobs that are not
	 * deliveries are ignored.
	 * @param event the job event
	 * @param state {@code succeeded}, {@code retrying} or {@code dead}
	 */
	void recordOutcome(EventEnvelope<JobAttempted> event, String state) {
		JobAttempted attempt = event.data();
		UUID deliveryId = deliveryOf(attempt);
		if (deliveryId == null) {
			return;
		}
		Optional<Delivery> delivery = this.webhooks.delivery(deliveryId);
		if (delivery.isEmpty()) {
			return;
		}
		Instant now = this.clock.instant();
		Long latency = "succeeded".equals(state)
				? Duration.between(delivery.get().createdAt(), attempt.occurredAt()).toMillis() : null;
		if (!this.webhooks.recordAttempt(deliveryId, attempt.jobId(), state, attempt.attempt(), attempt.error(),
				latency, now)) {
			return;
		}
		Endpoint endpoint = this.webhooks.lock(delivery.get().endpointId()).orElse(null);
		if (endpoint == null) {
			return;
		}
		if ("succeeded".equals(state)) {
			this.webhooks.setFailures(endpoint.id(), 0, endpoint.enabled(), endpoint.disabledReason(), now);
			return;
		}
		int failures = endpoint.consecutiveFailures() + 1;
		if (endpoint.enabled() && failures >= this.properties.disableAfter()) {
			String reason = failures + " failed attempts in a row; the last: " + attempt.error();
			this.webhooks.setFailures(endpoint.id(), failures, false, reason, now);
			log.warn("Webhook endpoint {} ({}) disabled: {}", endpoint.id(), endpoint.url().getHost(), reason);
			if (endpoint.ownerEmail() != null) {
				this.mail.request(MailService.MailRequest.forEvent(event.id(), "webhook-disabled",
						endpoint.ownerEmail(), Map.of("url", endpoint.url().toString(), "failures", failures,
								"lastError", String.valueOf(attempt.error()))));
			}
		}
		else {
			this.webhooks.setFailures(endpoint.id(), failures, endpoint.enabled(), endpoint.disabledReason(), now);
		}
	}

	private static @Nullable UUID deliveryOf(JobAttempted attempt) {
		String key = attempt.idempotencyKey();
		if (!"http".equals(attempt.type()) || key == null || !key.startsWith(IDEMPOTENCY_PREFIX)) {
			return null;
		}
		try {
			return UUID.fromString(key.substring(IDEMPOTENCY_PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	// the Standard Webhooks payload shape: type, timestamp, data
	private String body(EventEnvelope<JsonNode> event) {
		ObjectNode body = this.json.createObjectNode();
		body.put("id", event.id().toString());
		body.put("type", event.type());
		body.put("timestamp", event.time().toString());
		body.put("subject", event.subject());
		body.set("data", event.data());
		return this.json.writeValueAsString(body);
	}

	private static String abbreviated(String value) {
		return (value.length() > 80) ? value.substring(0, 80) + "…" : value;
	}

}
