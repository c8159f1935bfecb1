package dev.nori.gateway.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.nori.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenVerifierTest {

	private final TestTokenIssuer issuer = TestTokenIssuer.start("https://nori.test/api/auth");

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return AccessTokenVerifierTest.this.now.get();
		}

	};

	private final AccessTokenVerifier verifier = new AccessTokenVerifier(List.of("RS256"),
			List.of(new AccessTokenVerifier.TrustedIssuer("nori", this.issuer.issuer(), "nori-api", "at+jwt", null,
					new SigningKeys(WebClient.create(), this.issuer.jwksUri(), Duration.ofSeconds(10),
							Duration.ofMinutes(15), Duration.ofSeconds(3), this.clock))),
			Duration.ofSeconds(30), this.clock);

	@AfterEach
	void stop() {
		this.issuer.close();
	}

	@Test
	void aRememberedTokenIsStillRefusedOnceItExpires() {
		String token = this.issuer.token().expiresAt(this.now.get().plusSeconds(10)).sign();
		assertThat(this.verifier.verify(token).block().subject()).isNotBlank();
		assertThat(this.verifier.verify(token).block()).as("remembered").isNotNull();

		this.now.set(this.now.get().plusSeconds(45));
		assertThatThrownBy(() -> this.verifier.verify(token).block()).isInstanceOf(InvalidTokenException.class)
			.hasMessageContaining("expired");
	}

	@Test
	void aRefusedTokenIsNotRemembered() {
		String token = this.issuer.token().notBefore(this.now.get().plusSeconds(120)).sign();
		assertThatThrownBy(() -> this.verifier.verify(token).block()).hasMessageContaining("not valid yet");
		this.now.set(this.now.get().plusSeconds(120));
		assertThat(this.verifier.verify(token).block().subject()).isNotBlank();
	}

	@Test
	void theSignatureIsCheckedBeforeAnythingIsRemembered() {
		String token = this.issuer.token().sign();
		String[] parts = token.split("\\.");
		String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
		assertThatThrownBy(() -> this.verifier.verify(tampered).block()).isInstanceOf(InvalidTokenException.class);
		assertThatThrownBy(() -> this.verifier.verify(tampered).block()).isInstanceOf(InvalidTokenException.class);
	}

}
