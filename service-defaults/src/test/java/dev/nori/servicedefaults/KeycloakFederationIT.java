package dev.nori.servicedefaults;

import java.net.http.HttpResponse;

import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestInfrastructure;
import dev.nori.testsupport.TestKeycloak;
import dev.nori.testsupport.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service trusts a real Keycloak (started from its distribution, Nori's realm imported)
 * besides auth-service, and maps its realm roles to Nori permissions by configuration.
 */
@SpringBootTest(classes = ProbeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nori.service.security.public-routes=GET /api/probe/log",
				"nori.service.database=test_sd_secured",
				"nori.service.security.federated-issuers.keycloak.audience=nori-api",
				"nori.service.security.federated-issuers.keycloak.role-permissions.editor=articles.create,articles.edit" })
@DirtiesContext
class KeycloakFederationIT {

	private static final TestTokenIssuer nori = TestTokenIssuer.start("https://nori.test/api/auth");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_sd_secured");
		TestInfrastructure.redis(registry);
		registry.add("nori.service.security.issuer", nori::issuer);
		registry.add("nori.service.security.jwks-uri", () -> nori.jwksUri().toString());
		registry.add("nori.service.security.federated-issuers.keycloak.issuer", () -> TestKeycloak.get().issuer());
		registry.add("nori.service.security.federated-issuers.keycloak.jwks-uri", () -> TestKeycloak.get().jwksUri());
	}

	@AfterAll
	static void stopIssuer() {
		nori.close();
	}

	@LocalServerPort
	private int port;

	@Test
	void aKeycloakEditorGetsThePermissionsItsRoleIsMappedTo() {
		JsonNode tokens = JSON.readTree(TestKeycloak.get().passwordGrant("demo-editor", "demo-editor-password"));
		assertThat(get("/api/probe/editors", tokens.get("access_token").asString()).statusCode()).isEqualTo(200);
	}

	@Test
	void aKeycloakUserWithoutAMappedRoleIsForbidden() {
		JsonNode tokens = JSON.readTree(TestKeycloak.get().passwordGrant("demo-reader", "demo-reader-password"));
		HttpResponse<String> response = get("/api/probe/editors", tokens.get("access_token").asString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(get("/api/probe/db", tokens.get("access_token").asString()).statusCode()).isEqualTo(200);
	}

	@Test
	void aKeycloakIdTokenIsNotAnAccessToken() {
		JsonNode tokens = JSON.readTree(TestKeycloak.get().passwordGrant("demo-editor", "demo-editor-password"));
		assertThat(get("/api/probe/db", tokens.get("id_token").asString()).statusCode()).isEqualTo(401);
	}

	@Test
	void authServiceTokensStillWork() {
		assertThat(get("/api/probe/db", nori.token().sign()).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(String path, String token) {
		return TestHttp.send(TestHttp.get(this.port, path).header("Authorization", "Bearer " + token));
	}

}
