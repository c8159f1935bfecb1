package dev.nori.servicedefaults.core.requestid;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

	private final RequestIds requestIds = new RequestIds(() -> "generated");

	@ParameterizedTest
	@ValueSource(strings = { "abc", "A-b_c.9", "0f8fad5b-d9cb-469f-a165-70867728950e" })
	void keepsSafeClientIds(String candidate) {
		assertThat(this.requestIds.acceptOrCreate(candidate)).isEqualTo(candidate);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "has space", "line\nbreak", "quote\"", "semi;colon", "ünïcode", "<script>" })
	void replacesUnsafeOrMissingIds(String candidate) {
		assertThat(this.requestIds.acceptOrCreate(candidate)).isEqualTo("generated");
	}

	@ParameterizedTest
	@ValueSource(ints = { 128, 129 })
	void limitsLengthTo128(int length) {
		String candidate = "a".repeat(length);
		assertThat(RequestIds.isSafe(candidate)).isEqualTo(length <= RequestIds.MAX_LENGTH);
	}

	@ParameterizedTest
	@ValueSource(strings = { "x" })
	void defaultGeneratorMakesUniqueSafeIds(String ignored) {
		RequestIds defaults = new RequestIds();
		String first = defaults.acceptOrCreate(null);
		assertThat(first).isNotEqualTo(defaults.acceptOrCreate(null));
		assertThat(RequestIds.isSafe(first)).isTrue();
		UUID uuid = UUID.fromString(first);
		assertThat(uuid.version()).isEqualTo(4);
		assertThat(uuid.variant()).isEqualTo(2);
	}

}
