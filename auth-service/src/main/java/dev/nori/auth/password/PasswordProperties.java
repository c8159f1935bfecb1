package dev.nori.auth.password;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password rules and hashing parameters.
 *
 * @param minLength the fewest characters (code points) a password may have
 * @param maxLength the most; never below 64 so that passphrases and generated passwords
 * fit
 * @param minStrength the lowest zxcvbn score (0 to 4) accepted
 * @param argon2 the Argon2id parameters of new hashes; stored hashes with other
 * parameters are rehashed at the next login
 */
@Validated
@ConfigurationProperties("nori.auth.passwords")
public record PasswordProperties(@DefaultValue("8") @Min(1) int minLength,
		@DefaultValue("1024") @Min(64) @Max(4096) int maxLength, @DefaultValue("3") @Min(0) @Max(4) int minStrength,
		@DefaultValue @Valid @NotNull Argon2 argon2) {

	@AssertTrue(message = "minLength must not be above maxLength")
	boolean isLengthRangeValid() {
		return this.minLength <= this.maxLength;
	}

	/**
	 * Argon2id parameters; the defaults are OWASP's (m = 19 MiB, t = 2, p = 1).
	 *
	 * @param memoryKib memory in KiB
	 * @param iterations passes over the memory
	 * @param parallelism lanes
	 */
	public record Argon2(@DefaultValue("19456") @Min(8192) int memoryKib, @DefaultValue("2") @Min(1) int iterations,
			@DefaultValue("1") @Min(1) int parallelism) {
	}

}
