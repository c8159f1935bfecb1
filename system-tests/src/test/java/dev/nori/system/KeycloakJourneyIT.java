package dev.nori.system;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.nori.testsupport.TestKeycloak;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Keycloak user calls the content API through the gateway with a Keycloak token and
 * gets what its realm roles are mapped to. The tagged group: Keycloak takes about 15 s
 * and 420 MB to start, so it runs with {@code -Dnori.system.keycloak=true}.
 */
@Tag("keycloak")
@EnabledIfSystemProperty(named = "nori.system.keycloak", matches = "true",
		disabledReason = "the Keycloak group runs with -Dnori.system.keycloak=true (Keycloak is started for it)")
class KeycloakJourneyIT extends SystemTest {

	@Test
	void aKeycloakEditorWritesButMayNotPublishAndAReaderMayNotWrite() {
		JsonNode editor = JSON.readTree(TestKeycloak.get().passwordGrant("demo-editor", "demo-editor-password"));
		remember(editor.path("access_token").asString());
		remember(editor.path("id_token").asString());
		String slug = "keycloak-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = postViaGateway("/api/content/articles",
				JSON.writeValueAsString(Map.of("title", "Written with Keycloak", "slug", slug, "body", "Federated.")),
				editor.path("access_token").asString());
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JSON.readTree(created.body()).path("id").asString();
		// editor maps to create and edit, not publish
		assertThat(
				postViaGateway("/api/content/articles/" + id + "/publish", "", editor.path("access_token").asString())
					.statusCode())
			.isEqualTo(403);
		assertThat(getViaGateway("/api/content/drafts", editor.path("access_token").asString()).statusCode()).isIn(200,
				404);

		JsonNode reader = JSON.readTree(TestKeycloak.get().passwordGrant("demo-reader", "demo-reader-password"));
		remember(reader.path("access_token").asString());
		assertThat(postViaGateway("/api/content/articles",
				JSON.writeValueAsString(Map.of("title", "Not allowed", "body", "No.")),
				reader.path("access_token").asString())
			.statusCode()).isEqualTo(403);
		// an ID token is not an access token
		assertThat(getViaGateway("/api/content/drafts", editor.path("id_token").asString()).statusCode())
			.isEqualTo(401);
	}

}
