package dev.nori.content.author;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.nori.content.ContentServiceIT;
import dev.nori.contracts.auth.UserRegistered;
import dev.nori.eventing.outbox.Outbox;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Display names come from auth-service's events, through the real Kafka broker (the event
 * is published here the way auth-service publishes it: through an outbox).
 */
class UserRegisteredHandlerIT extends ContentServiceIT {

	@Autowired
	private Outbox outbox;

	@Autowired
	private TransactionTemplate transactions;

	@Test
	void aRegisteredUsersNameShowsOnTheirArticles() {
		UUID userId = UUID.randomUUID();
		this.transactions.executeWithoutResult((status) -> this.outbox.append(UserRegistered.TYPE, userId.toString(),
				new UserRegistered(userId, "ada@example.org", "Ada Lovelace", Instant.now())));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.jdbc.sql("select count(*) from authors where id = ?")
				.param(userId.toString())
				.query(Long.class)
				.single() > 0);

		JsonNode article = draft(token(userId.toString(), AUTHOR), Map.of());
		assertThat(article.get("author").get("displayName").asString()).isEqualTo("Ada Lovelace");
		assertThat(article.toString()).doesNotContain("ada@example.org");
	}

	@Test
	void anUnknownUserWritesUnderAPlaceholderName() {
		String userId = newUser();
		JsonNode article = draft(token(userId, AUTHOR), Map.of());
		assertThat(article.get("author").get("displayName").asString()).isEqualTo("user-" + userId.substring(0, 8));
	}

}
