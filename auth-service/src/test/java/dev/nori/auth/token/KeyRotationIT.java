package dev.nori.auth.token;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.nori.auth.AuthApplication;
import dev.nori.auth.AuthServiceIT;
import dev.nori.auth.token.AccessTokenIssuer.Subject;
import dev.nori.testsupport.MutableClock;
import dev.nori.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new signing key is published before it signs, and the old one stays published until
 * the last token it signed has expired.
 */
@SpringBootTest(classes = AuthApplication.class,
		properties = { "server.port=0", "management.server.port=0",
				"nori.eventing.consumer.group-id=auth-keys-it-${random.uuid}",
				// the test decides when rotation runs
				"nori.auth.tokens.key-check-interval=1h" })
@Import(AuthServiceIT.TestClock.class)
class KeyRotationIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.postgresAndKafka(registry, "nori_test_auth_keys");
		TestInfrastructure.redis(registry);
	}

	@Autowired
	private SigningKeys keys;

	@Autowired
	private AccessTokenIssuer issuer;

	@Autowired
	private MutableClock clock;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void keysArePublishedBeforeTheySignAndKeptUntilTheirTokensExpire() throws Exception {
		this.jdbc.sql("delete from signing_keys").update();
		this.keys.rotate();
		String first = kidOfNewToken();
		assertThat(publishedKids()).containsExactly(first);

		// an hour before the first key is due, its successor is published but
		// does not sign
		this.clock.advance(Duration.ofDays(30).minus(Duration.ofHours(1)));
		this.keys.rotate();
		assertThat(publishedKids()).hasSize(2).contains(first);
		assertThat(kidOfNewToken()).isEqualTo(first);

		this.clock.advance(Duration.ofHours(1));
		this.keys.rotate();
		String second = kidOfNewToken();
		assertThat(second).isNotEqualTo(first);
		assertThat(publishedKids()).containsExactlyInAnyOrder(first, second);

		// once every token of the first key has expired (10 min + margin),
		// it is withdrawn
		this.clock.advance(Duration.ofMinutes(13));
		this.keys.rotate();
		assertThat(publishedKids()).containsExactly(second);
	}

	private String kidOfNewToken() throws Exception {
		String token = this.issuer
			.issue(new Subject(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), List.of(), List.of(), null,
					false, null))
			.value();
		return SignedJWT.parse(token).getHeader().getKeyID();
	}

	private List<String> publishedKids() {
		return this.keys.published().getKeys().stream().map(JWK::getKeyID).toList();
	}

}
