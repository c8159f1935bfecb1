package dev.nori.servicedefaults.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nori.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CachingJwtDecoderTest {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger verifications = new AtomicInteger();

	// stands in for the signature check, counting how often it runs
	private final JwtDecoder verifying = (token) -> {
		this.verifications.incrementAndGet();
		Instant now = this.clock.instant();
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("user-1")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(60))
			.build();
	};

	private final CachingJwtDecoder decoder = new CachingJwtDecoder(this.verifying, validator(), Duration.ofMinutes(1),
			100);

	@Test
	void aTokenSeenRecentlyIsNotVerifiedAgain() {
		this.decoder.decode("a");
		this.decoder.decode("a");
		this.decoder.decode("b");
		assertThat(this.verifications).hasValue(2);
	}

	@Test
	void aRememberedTokenStillExpires() {
		this.decoder.decode("a");
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(this.decoder.decode("a").getSubject()).isEqualTo("user-1");
		this.clock.advance(Duration.ofSeconds(2));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> this.decoder.decode("a"));
	}

	private JwtTimestampValidator validator() {
		JwtTimestampValidator validator = new JwtTimestampValidator(Duration.ZERO);
		validator.setClock(this.clock);
		return validator;
	}

}
