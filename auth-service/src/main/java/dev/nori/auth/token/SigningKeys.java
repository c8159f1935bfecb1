package dev.nori.auth.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The signing keys, kept in the database so that every instance signs with the same key
 * and verifies the others' tokens. Rotation is decided from the injected clock: when the
 * signing key is due for replacement a successor is created, published for
 * {@code keyPublishAhead} before it signs; once it signs, its predecessor stays published
 * until the last token it signed has expired. Instances reload the keys every minute, far
 * within the publish-ahead time.
 */
public class SigningKeys {

	private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

	// one instance at a time decides rotation
	private static final long ROTATION_LOCK = 0x6e6f72692d6b6579L;

	private static final Duration RETIREMENT_MARGIN = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	private final TokenProperties properties;

	private final Clock clock;

	private volatile List<SigningKey> keys = List.of();

	SigningKeys(JdbcClient jdbc, TransactionTemplate transaction, TokenProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Creates, activates and retires keys as the clock says, then reloads them.
	 */
	// the first run is at start, when the bean is made
	@Scheduled(fixedDelayString = "${nori.auth.tokens.key-check-interval:60s}",
			initialDelayString = "${nori.auth.tokens.key-check-interval:60s}")
	public void rotate() {
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.sql("select pg_advisory_xact_lock(?)").param(ROTATION_LOCK).query().singleRow();
			Instant now = this.clock.instant();
			List<SigningKey> current = load(now);
			SigningKey newest = current.stream().max(Comparator.comparing(SigningKey::activatesAt)).orElse(null);
			if (newest == null) {
				create(now);
			}
			else {
				Instant due = newest.activatesAt().plus(this.properties.keyRotation());
				if (!newest.activatesAt().isAfter(now) && !due.minus(this.properties.keyPublishAhead()).isAfter(now)) {
					Instant earliest = now.plus(this.properties.keyPublishAhead());
					create(due.isAfter(earliest) ? due : earliest);
				}
			}
			retireSuperseded(now);
		});
		reload();
	}

	/**
	 * Returns the key that signs now.
	 * @return the newest key whose activation time has come
	 */
	SigningKey active() {
		Instant now = this.clock.instant();
		return this.keys.stream()
			.filter((key) -> !key.activatesAt().isAfter(now))
			.max(Comparator.comparing(SigningKey::activatesAt))
			.orElseThrow(() -> new IllegalStateException("No signing key is active yet"));
	}

	/**
	 * Returns the public keys verifiers must know: every key not retired.
	 * @return the key set
	 */
	public JWKSet published() {
		Instant now = this.clock.instant();
		return new JWKSet(this.keys.stream()
			.filter((key) -> key.retiresAt() == null || key.retiresAt().isAfter(now))
			.map((key) -> (com.nimbusds.jose.jwk.JWK) key.publicJwk())
			.toList());
	}

	void reload() {
		this.keys = load(this.clock.instant());
	}

	private List<SigningKey> load(Instant now) {
		return this.jdbc.sql(
				"select kid, private_key, public_key, activates_at, retires_at from signing_keys where retires_at is null or retires_at > ?")
			.param(Timestamp.from(now))
			.query((rs, row) -> new SigningKey(rs.getString("kid"), privateKey(rs.getBytes("private_key")),
					publicKey(rs.getBytes("public_key")), rs.getTimestamp("activates_at").toInstant(),
					(rs.getTimestamp("retires_at") != null) ? rs.getTimestamp("retires_at").toInstant() : null))
			.list();
	}

	private void create(Instant activatesAt) {
		KeyPair pair = generate();
		String kid = UUID.randomUUID().toString();
		this.jdbc.sql(
				"insert into signing_keys (kid, private_key, public_key, created_at, activates_at) values (?, ?, ?, ?, ?)")
			.params(kid, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(),
					Timestamp.from(this.clock.instant()), Timestamp.from(activatesAt))
			.update();
		log.info("Created signing key {}, signing from {}", kid, activatesAt);
	}

	// a key stops being published once the last token it signed has expired
	private void retireSuperseded(Instant now) {
		this.jdbc
			.sql("""
					update signing_keys k set retires_at = successor.activates_at + cast(? as interval)
					from (select activates_at from signing_keys where activates_at <= ? order by activates_at desc limit 1) successor
					where k.retires_at is null and k.activates_at < successor.activates_at
					""")
			.params(this.properties.accessTokenTtl().plus(RETIREMENT_MARGIN).toSeconds() + " seconds",
					Timestamp.from(now))
			.update();
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	private static RSAPrivateKey privateKey(byte[] encoded) {
		try {
			return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(encoded));
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("A stored signing key cannot be read", ex);
		}
	}

	private static RSAPublicKey publicKey(byte[] encoded) {
		try {
			return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (NoSuchAlgorithmException | InvalidKeySpecException ex) {
			throw new IllegalStateException("A stored signing key cannot be read", ex);
		}
	}

}
