package dev.nori.auth.social;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.nori.auth.session.TokenPair;
import dev.nori.servicedefaults.problem.ProblemException;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exchanges the one-time code of a social login's success redirect for the tokens.
 */
@RestController
class SocialExchangeController {

	private final SocialLoginHandlers handlers;

	SocialExchangeController(SocialLoginHandlers handlers) {
		this.handlers = handlers;
	}

	@PostMapping(SocialLoginConfiguration.BASE + "/exchange")
	TokenPair exchange(@Valid @RequestBody Exchange request) {
		TokenPair pair = this.handlers.redeem(request.code());
		if (pair == null) {
			throw ProblemException.unauthorized("The code is unknown, used or expired. Log in again.");
		}
		return pair;
	}

	record Exchange(@NotBlank @Size(max = 200) String code) {
	}

}
