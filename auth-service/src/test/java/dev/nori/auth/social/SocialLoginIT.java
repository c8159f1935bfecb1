package dev.nori.auth.social;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.nori.auth.AuthServiceIT;
import dev.nori.testsupport.TestKeycloak;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Social login through Spring Security's OAuth2 client: against a real Keycloak for the
 * whole browser flow, and against a fake provider for the failures a real one cannot be
 * made to produce. Every refusal creates and links nothing.
 */
@TestPropertySource(properties = { "spring.security.oauth2.client.registration.fake.client-id=nori-auth",
		"spring.security.oauth2.client.registration.fake.client-secret=fake-secret",
		"spring.security.oauth2.client.registration.fake.scope=openid,email,profile",
		"spring.security.oauth2.client.registration.fake.redirect-uri={baseUrl}/api/auth/social/{registrationId}/callback",
		"spring.security.oauth2.client.registration.fakehub.client-id=nori-auth",
		"spring.security.oauth2.client.registration.fakehub.client-secret=fake-secret",
		"spring.security.oauth2.client.registration.fakehub.scope=read:user,user:email",
		"spring.security.oauth2.client.registration.fakehub.authorization-grant-type=authorization_code",
		"spring.security.oauth2.client.registration.fakehub.redirect-uri={baseUrl}/api/auth/social/{registrationId}/callback",
		"spring.security.oauth2.client.provider.fakehub.user-name-attribute=id",
		"spring.security.oauth2.client.registration.keycloak.client-id=nori-auth",
		"spring.security.oauth2.client.registration.keycloak.client-secret=nori-auth-dev-secret",
		"spring.security.oauth2.client.registration.keycloak.scope=openid,email,profile",
		"spring.security.oauth2.client.registration.keycloak.redirect-uri={baseUrl}/api/auth/social/{registrationId}/callback" })
class SocialLoginIT extends AuthServiceIT {

	private static final FakeIdentityProvider fake = start();

	@DynamicPropertySource
	static void providers(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.client.provider.fake.issuer-uri", fake::issuer);
		registry.add("spring.security.oauth2.client.provider.keycloak.issuer-uri", () -> TestKeycloak.get().issuer());
		// GitHub's shape: plain OAuth2, the user from a user-info endpoint, a numeric id
		registry.add("spring.security.oauth2.client.provider.fakehub.authorization-uri",
				() -> fake.issuer() + "/authorize");
		registry.add("spring.security.oauth2.client.provider.fakehub.token-uri", () -> fake.issuer() + "/token");
		registry.add("spring.security.oauth2.client.provider.fakehub.user-info-uri", () -> fake.issuer() + "/userinfo");
	}

	@AfterAll
	static void stopFake() {
		fake.close();
	}

	private final Browser browser = new Browser();

	@Test
	void aNewProviderAccountBecomesAUserAndLogsInAgainAsTheSameUser() throws Exception {
		String email = uniqueEmail("social");
		fake.subject = UUID.randomUUID().toString();
		fake.email = email;
		fake.emailVerified = true;
		HttpResponse<String> first = callback(fake.authorize(start("fake")));
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		JsonNode me = json(call("GET", "/api/auth/me", JSON.readTree(first.body()).get("accessToken").asString()));
		assertThat(me.get("email").asString()).isEqualTo(email);
		assertThat(me.get("emailVerified").asBoolean()).isTrue();

		HttpResponse<String> second = callback(fake.authorize(start("fake")));
		JsonNode again = json(call("GET", "/api/auth/me", JSON.readTree(second.body()).get("accessToken").asString()));
		assertThat(again.get("id").asString()).isEqualTo(me.get("id").asString());
	}

	@Test
	void aVerifiedAddressLinksToTheExistingAccountAndAnUnverifiedOneDoesNot() throws Exception {
		String email = uniqueEmail("linked");
		register(email, STRONG_PASSWORD);
		String userId = json(call("GET", "/api/auth/me", accessToken(email, STRONG_PASSWORD))).get("id").asString();

		fake.subject = UUID.randomUUID().toString();
		fake.email = email;
		fake.emailVerified = false;
		HttpResponse<String> refused = callback(fake.authorize(start("fake")));
		assertThat(refused.statusCode()).isEqualTo(409);
		assertThat(identities(fake.subject)).isZero();

		fake.emailVerified = true;
		HttpResponse<String> linked = callback(fake.authorize(start("fake")));
		assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
		assertThat(
				json(call("GET", "/api/auth/me", JSON.readTree(linked.body()).get("accessToken").asString())).get("id")
					.asString())
			.isEqualTo(userId);
	}

	@Test
	void aGithubStyleAccountIsNeverLinkedByItsAddress() throws Exception {
		String email = uniqueEmail("hub");
		fake.subject = UUID.randomUUID().toString();
		fake.email = email;
		// the provider claims a verified address; an OAuth2 (not OIDC) profile is not
		// taken at its word
		fake.emailVerified = true;
		URI authorization = start("fakehub");
		assertThat(authorization.getRawQuery()).contains("code_challenge=").doesNotContain("nonce=");
		HttpResponse<String> created = callback(fake.authorize(authorization));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		JsonNode me = json(call("GET", "/api/auth/me", JSON.readTree(created.body()).get("accessToken").asString()));
		assertThat(me.get("email").asString()).isEqualTo(email);
		assertThat(me.get("emailVerified").asBoolean()).isFalse();

		String owner = uniqueEmail("owner");
		register(owner, STRONG_PASSWORD);
		fake.subject = UUID.randomUUID().toString();
		fake.email = owner;
		assertThat(callback(fake.authorize(start("fakehub"))).statusCode()).isEqualTo(409);
	}

	@Test
	void theLoginUsesPkceAndACodeForAnotherChallengeIsRefused() throws Exception {
		URI authorization = start("fake");
		assertThat(authorization.getRawQuery()).contains("code_challenge=")
			.contains("code_challenge_method=S256")
			.contains("nonce=")
			.contains("state=");
		fresh();
		URI forged = URI
			.create(authorization.toString().replaceAll("code_challenge=[^&]+", "code_challenge=" + "A".repeat(43)));
		assertRefusedAndNothingCreated(callback(fake.authorize(forged)));
	}

	@Test
	void aForeignIssuerOrAWrongNonceIsRefused() throws Exception {
		fresh();
		fake.issuerOverride = "https://evil.example";
		try {
			assertRefusedAndNothingCreated(callback(fake.authorize(start("fake"))));
		}
		finally {
			fake.issuerOverride = null;
		}
		fresh();
		fake.nonceOverride = "not-the-nonce";
		try {
			assertRefusedAndNothingCreated(callback(fake.authorize(start("fake"))));
		}
		finally {
			fake.nonceOverride = null;
		}
	}

	@Test
	void anUnknownStateAReplayedCallbackAndAnotherBrowserAreRefused() throws Exception {
		fresh();
		URI callback = fake.authorize(start("fake"));
		URI badState = URI.create(callback.toString().replaceAll("state=[^&]+", "state=forged"));
		assertRefusedAndNothingCreated(callback(badState));

		// the callback URL in another browser (login CSRF): no binding cookie
		HttpResponse<String> elsewhere = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(elsewhere.statusCode()).isEqualTo(401);
		// ... which did not use the login up for the browser that started it
		assertThat(callback(callback).statusCode()).isEqualTo(200);

		fresh();
		URI once = fake.authorize(start("fake"));
		assertThat(callback(once).statusCode()).isEqualTo(200);
		assertThat(callback(once).statusCode()).isEqualTo(401);
	}

	@Test
	void aKeycloakUserLogsInThroughTheBrowserFlow() throws Exception {
		URI login = start("keycloak");
		HttpResponse<String> page = this.browser.send(HttpRequest.newBuilder(login).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher action = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
		assertThat(action.find()).as("Keycloak's login form").isTrue();
		String form = "username=demo-editor&password="
				+ URLEncoder.encode("demo-editor-password", StandardCharsets.UTF_8) + "&credentialId=";
		HttpResponse<String> submitted = this.browser
			.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
		HttpResponse<String> tokens = callback(URI.create(submitted.headers().firstValue("Location").orElseThrow()));
		assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
		JsonNode me = json(call("GET", "/api/auth/me", JSON.readTree(tokens.body()).get("accessToken").asString()));
		assertThat(me.get("email").asString()).isEqualTo("demo-editor@nori.localhost");
		assertThat(me.get("emailVerified").asBoolean()).isTrue();
	}

	/** Starts a login as a browser would; returns where the provider's login page is. */
	private URI start(String provider) throws IOException, InterruptedException {
		HttpResponse<Void> response = this.browser
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/auth/social/" + provider))
				.build(), HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(302);
		return URI.create(response.headers().firstValue("Location").orElseThrow());
	}

	private HttpResponse<String> callback(URI callback) throws IOException, InterruptedException {
		return this.browser.send(HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A browser's cookie jar, simplified: cookies per host and port, sent back over plain
	 * HTTP even when marked {@code Secure} (as browsers do for loopback addresses, and
	 * Keycloak marks its session cookies so).
	 */
	private static final class Browser {

		private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

		private final Map<String, Map<String, String>> jar = new java.util.concurrent.ConcurrentHashMap<>();

		<T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
				throws IOException, InterruptedException {
			String origin = request.uri().getHost() + ":" + request.uri().getPort();
			HttpRequest.Builder withCookies = HttpRequest.newBuilder(request, (name, value) -> true);
			Map<String, String> cookies = this.jar.getOrDefault(origin, Map.of());
			if (!cookies.isEmpty()) {
				withCookies.header("Cookie",
						cookies.entrySet()
							.stream()
							.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
							.collect(java.util.stream.Collectors.joining("; ")));
			}
			HttpResponse<T> response = this.client.send(withCookies.build(), body);
			for (String header : response.headers().allValues("Set-Cookie")) {
				String pair = header.split(";", 2)[0];
				int equals = pair.indexOf('=');
				String name = pair.substring(0, equals).trim();
				String value = pair.substring(equals + 1).trim();
				Map<String, String> stored = this.jar.computeIfAbsent(origin,
						(key) -> new java.util.concurrent.ConcurrentHashMap<>());
				if (value.isEmpty() || header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0")) {
					stored.remove(name);
				}
				else {
					stored.put(name, value);
				}
			}
			return response;
		}

	}

	private void fresh() {
		fake.subject = UUID.randomUUID().toString();
		fake.email = uniqueEmail("refused");
		fake.emailVerified = true;
	}

	private void assertRefusedAndNothingCreated(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(identities(fake.subject)).isZero();
		assertThat(this.jdbc.sql("select count(*) from users where email = ?")
			.param(fake.email)
			.query(Long.class)
			.single()).isZero();
	}

	private long identities(String subject) {
		return this.jdbc.sql("select count(*) from user_identities where subject = ?")
			.param(subject)
			.query(Long.class)
			.single();
	}

	private static FakeIdentityProvider start() {
		try {
			return new FakeIdentityProvider();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
