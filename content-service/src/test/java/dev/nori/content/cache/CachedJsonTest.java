package dev.nori.content.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CachedJsonTest {

	@Test
	void equalBodiesHaveEqualTagsAndSurviveStorage() {
		CachedJson body = CachedJson.of("{\"a\":\"line\\nbreak\"}");
		assertThat(CachedJson.of("{\"a\":\"line\\nbreak\"}").etag()).isEqualTo(body.etag());
		assertThat(CachedJson.of("{\"a\":2}").etag()).isNotEqualTo(body.etag());
		assertThat(body.etag()).startsWith("\"").endsWith("\"");
		assertThat(CachedJson.decode(body.encode())).isEqualTo(body);
	}

}
