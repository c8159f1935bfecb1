package dev.nori.auth.password;

import java.util.HexFormat;

import dev.nori.auth.password.PasswordHasher.Verification;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {

	private final PasswordHasher owasp = new PasswordHasher(new PasswordProperties.Argon2(19456, 2, 1));

	@Test
	void pbkdf2MatchesThePublishedSha256TestVector() {
		// PBKDF2-HMAC-SHA256, P = "password", S = "salt", c = 1, dkLen = 32
		assertThat(HexFormat.of().formatHex(NoriPbkdf2.derive("password", "salt", 1, 32)))
			.isEqualTo("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
	}

	@Test
	void noriHashesInBothFormsVerifyAndAskForARehash() {
		String current = "pbkdf2_sha256$1$salt$120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b";
		assertThat(this.owasp.verify("password", current)).isEqualTo(Verification.MATCH_NEEDS_REHASH);
		assertThat(this.owasp.verify("Password", current)).isEqualTo(Verification.MISMATCH);
		String legacy = "pbkdf2_sha256$oldsalt$f90767eed627d42ba688041d354ba89719826f9f45b29d5e76cc469a81b79ca3";
		assertThat(this.owasp.verify("legacy-pässword-42", legacy)).isEqualTo(Verification.MATCH_NEEDS_REHASH);
	}

	@Test
	void malformedOrAbusiveNoriHashesAreNotImportable() {
		assertThat(PasswordHasher.isImportable("pbkdf2_sha256$abc")).isFalse();
		assertThat(PasswordHasher.isImportable("pbkdf2_sha256$99999999$salt$" + "ab".repeat(32))).isFalse();
		assertThat(PasswordHasher.isImportable("pbkdf2_sha256$1000$salt$" + "ab".repeat(32))).isTrue();
		assertThat(PasswordHasher.isImportable("pbkdf2_sha256$1000$salt$abc")).isFalse();
	}

	@Test
	void argon2idHashesAtOwaspParametersAndAsksForARehashWhenTheyChange() {
		String hash = this.owasp.hash("Gleaming-Pelican-88");
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.owasp.verify("Gleaming-Pelican-88", hash)).isEqualTo(Verification.MATCH);
		assertThat(this.owasp.verify("gleaming-pelican-88", hash)).isEqualTo(Verification.MISMATCH);
		PasswordHasher stronger = new PasswordHasher(new PasswordProperties.Argon2(19456, 3, 1));
		assertThat(stronger.verify("Gleaming-Pelican-88", hash)).isEqualTo(Verification.MATCH_NEEDS_REHASH);
	}

	@Test
	void unicodeIsNormalizedSoComposedAndDecomposedFormsMatch() {
		String hash = this.owasp.hash("caf\u00e9-au-lait-matin");
		assertThat(this.owasp.verify("cafe\u0301-au-lait-matin", hash).matched()).isTrue();
	}

	@Test
	void aMissingHashCostsAHashAndNeverMatches() {
		assertThat(this.owasp.verify("anything", null)).isEqualTo(Verification.MISMATCH);
	}

}
