package dev.nori.notification.outgoing;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import dev.nori.servicedefaults.problem.ProblemException;
import dev.nori.servicedefaults.validation.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/notifications/suppressions}: the addresses no mail goes to. Hard bounces
 * land here by themselves; administrators add unsubscribes and manual entries, and lift
 * them.
 */
@RestController
@Validated
@PreAuthorize("hasAuthority('notifications.manage')")
@RequestMapping("/api/notifications/suppressions")
class SuppressionController {

	private final Suppressions suppressions;

	private final Clock clock;

	SuppressionController(Suppressions suppressions, Clock clock) {
		this.suppressions = suppressions;
		this.clock = clock;
	}

	@GetMapping
	Map<String, List<Suppressions.Suppression>> list() {
		return Map.of("items", this.suppressions.list(500));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	void add(@Valid @RequestBody NewSuppression suppression) {
		this.suppressions.add(suppression.email(), suppression.reason(), suppression.detail(), this.clock.instant());
	}

	@DeleteMapping("/{email}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void remove(@PathVariable String email) {
		if (!this.suppressions.remove(email)) {
			throw ProblemException.notFound(email + " is not suppressed");
		}
	}

	/**
	 * An address to suppress.
	 *
	 * @param email the address
	 * @param reason {@code unsubscribe}, {@code bounce} or {@code manual}
	 * @param detail a note
	 */
	record NewSuppression(@NotBlank @Email @Size(max = 320) String email, @NotBlank @OneOf( {
			"unsubscribe", "bounce", "manual" }) String reason, @Nullable @Size(max = 500) String detail){
	}

}
