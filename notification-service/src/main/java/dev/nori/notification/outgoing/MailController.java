package dev.nori.notification.outgoing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.nori.servicedefaults.problem.ProblemException;
import dev.nori.servicedefaults.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications/mails}: the internal send API (for services and machine
 * clients with {@code notifications.send}) and the sent-mail log for administrators. The
 * log never shows a mail's body: verification and reset mails carry single-use tokens.
 */
@RestController
@Validated
@RequestMapping("/api/notifications/mails")
class MailController {

	private final MailService service;

	private final Mails mails;

	private final MailDelivery sender;

	private final Clock clock;

	MailController(MailService service, Mails mails, MailDelivery sender, Clock clock) {
		this.service = service;
		this.mails = mails;
		this.sender = sender;
		this.clock = clock;
	}

	@PostMapping
	@PreAuthorize("hasAnyAuthority('notifications.send', 'notifications.manage')")
	ResponseEntity<MailView> send(@Valid @RequestBody SendRequest request, Authentication caller) {
		OutgoingMail mail = this.service.request(new MailService.MailRequest(request.template(), request.to(),
				(request.variables() != null) ? request.variables() : Map.of(), null, request.idempotencyKey(),
				caller.getName()));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/notifications/mails/" + mail.id()))
			.body(MailView.of(mail));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('notifications.manage')")
	Map<String, List<MailView>> list(
			@RequestParam(required = false) @Nullable @OneOf({ "pending", "sent", "dead", "suppressed" }) String state,
			@RequestParam(required = false) @Nullable String recipient) {
		return Map.of("items",
				this.mails
					.list((state != null) ? MailState.of(state) : null,
							(recipient != null) ? Suppressions.normalized(recipient) : null, 100)
					.stream()
					.map(MailView::of)
					.toList());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('notifications.manage')")
	MailView get(@PathVariable UUID id) {
		return this.mails.find(id).map(MailView::of).orElseThrow(() -> ProblemException.notFound("No mail " + id));
	}

	@PostMapping("/{id}/retry")
	@PreAuthorize("hasAuthority('notifications.manage')")
	MailView retry(@PathVariable UUID id) {
		if (!this.mails.revive(id, this.clock.instant())) {
			throw this.mails.find(id).isPresent() ? ProblemException.conflict("Only a dead mail can be retried")
					: ProblemException.notFound("No mail " + id);
		}
		this.sender.wake();
		return get(id);
	}

	/**
	 * A mail to send.
	 *
	 * @param template the template's name
	 * @param to one address
	 * @param variables the template's variables
	 * @param idempotencyKey a second request with the same key sends nothing more
	 */
	record SendRequest(@NotBlank @Size(max = 64) String template, @NotBlank @Size(max = 320) String to,
			@Nullable @Size(max = 50) Map<String, Object> variables,
			@Nullable @Size(min = 1, max = 200) @Pattern(regexp = "[\\x21-\\x7e]+",
					message = "must be printable ASCII without spaces") String idempotencyKey) {
	}

	/**
	 * A mail as the API shows it: no body.
	 *
	 * @param id its id
	 * @param template its template
	 * @param to its recipient
	 * @param subject its subject
	 * @param state where it stands
	 * @param attempts attempts so far
	 * @param lastError why the last attempt failed
	 * @param eventId the event that triggered it
	 * @param createdAt when it was requested
	 * @param sentAt when it was sent
	 */
	record MailView(UUID id, String template, String to, String subject, String state, int attempts,
			@Nullable String lastError, @Nullable UUID eventId, Instant createdAt, @Nullable Instant sentAt) {

		static MailView of(OutgoingMail mail) {
			return new MailView(mail.id(), mail.template(), mail.recipient(), mail.subject(), mail.state().value(),
					mail.attempts(), mail.lastError(), mail.eventId(), mail.createdAt(), mail.sentAt());
		}

	}

}
