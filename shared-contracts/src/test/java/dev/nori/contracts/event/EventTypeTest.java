package dev.nori.contracts.event;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EventTypeTest {

	@Test
	void acceptsLogicalVersionedPastTenseNames() {
		EventType<String> type = EventType.of("nori.content.article.published.v1", Topics.CONTENT_ARTICLES,
				String.class);
		assertThat(type.name()).isEqualTo("nori.content.article.published.v1");
	}

	@Test
	void rejectsNamesWithoutVersionOrNamespace() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventType.of("nori.content.article.published", "t", String.class))
			.withMessageContaining("nori.<service>.<aggregate>.<event>.v<n>");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EventType.of("dev.nori.content.ArticlePublished.v1", "t", String.class));
	}

	@Test
	void deadLetterTopicIsSuffixed() {
		assertThat(Topics.deadLetter(Topics.AUTH_USERS)).isEqualTo("nori.auth.users.dlt");
	}

}
