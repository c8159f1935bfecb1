package dev.nori.gateway.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsrfTokensTest {

	private final String secret = CsrfTokens.newSecret();

	@Test
	void everyTokenIsDifferentAndEachMatchesItsSecret() {
		String one = CsrfTokens.mask(this.secret);
		String two = CsrfTokens.mask(this.secret);
		assertThat(one).isNotEqualTo(two);
		assertThat(CsrfTokens.matches(one, this.secret)).isTrue();
		assertThat(CsrfTokens.matches(two, this.secret)).isTrue();
	}

	@Test
	void anotherSessionsTokenOrGarbageDoesNotMatch() {
		assertThat(CsrfTokens.matches(CsrfTokens.mask(CsrfTokens.newSecret()), this.secret)).isFalse();
		assertThat(CsrfTokens.matches(this.secret, this.secret)).isFalse();
		assertThat(CsrfTokens.matches("not base64 !", this.secret)).isFalse();
		assertThat(CsrfTokens.matches("", this.secret)).isFalse();
		assertThat(CsrfTokens.matches(null, this.secret)).isFalse();
	}

}
