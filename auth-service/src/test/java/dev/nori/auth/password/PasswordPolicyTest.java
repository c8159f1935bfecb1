package dev.nori.auth.password;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {

	private final PasswordPolicy policy = new PasswordPolicy(
			new PasswordProperties(8, 1024, 3, new PasswordProperties.Argon2(19456, 2, 1)));

	@Test
	void lengthCountsCharactersNotBytesOrUtf16Units() {
		// seven emoji are 14 UTF-16 units but 7 characters
		assertThat(this.policy.problems("🦊🐙🦉🐢🦀🐝🦋", List.of())).anyMatch((p) -> p.contains("at least 8"));
		assertThat(this.policy.problems("x".repeat(1025), List.of()))
			.containsExactly("must be at most 1024 characters long");
	}

	@Test
	void theUsersOwnDetailsMakeAWeakPassword() {
		assertThat(this.policy.problems("margaret.hamilton1936", List.of("margaret.hamilton1936@example.org")))
			.anyMatch((p) -> p.startsWith("is too easy to guess"));
	}

	@Test
	void passphrasesPassWithoutCompositionRules() {
		assertThat(this.policy.problems("copper kettle whistles at dawn", List.of())).isEmpty();
	}

}
