package dev.nori.benchmarks;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.nori.auth.password.PasswordHasher;
import dev.nori.auth.password.PasswordProperties;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder.SecretKeyFactoryAlgorithm;

/**
 * What a login costs: checking a password with auth-service's Argon2id hasher at OWASP's
 * parameters (m = 19 MiB, t = 2, p = 1) against PBKDF2-HMAC-SHA256 at OWASP's 600,000
 * iterations (Spring Security's encoder, the JDK's implementation), both measured in the
 * same run with as many threads as there are processors, in a JVM with the parallel
 * collector; and Spring Security's Password4j-backed Argon2id encoder for comparison; and
 * issuing and verifying an RS256 access token as auth-service and the services do. Prints
 * each rate and the ratio Argon2id ÷ PBKDF2 (higher is more logins per second for the
 * same machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PasswordHashingBenchmark {

	private static final String PASSWORD = "velvet-otter-juggles-47-lanterns";

	private PasswordHasher argon2;

	private String argon2Hash;

	private Pbkdf2PasswordEncoder pbkdf2;

	private org.springframework.security.crypto.password4j.Argon2Password4jPasswordEncoder password4j;

	private String pbkdf2Hash;

	private RSAPrivateKey privateKey;

	private RSAPublicKey publicKey;

	private String token;

	@Setup
	public void setUp() throws Exception {
		this.argon2 = new PasswordHasher(new PasswordProperties.Argon2(19456, 2, 1));
		this.argon2Hash = this.argon2.hash(PASSWORD);
		this.password4j = new org.springframework.security.crypto.password4j.Argon2Password4jPasswordEncoder(
				com.password4j.Argon2Function.getInstance(19456, 2, 1, 32, com.password4j.types.Argon2.ID));
		this.pbkdf2 = new Pbkdf2PasswordEncoder("", 16, 600_000, SecretKeyFactoryAlgorithm.PBKDF2WithHmacSHA256);
		this.pbkdf2Hash = this.pbkdf2.encode(PASSWORD);
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		this.privateKey = (RSAPrivateKey) pair.getPrivate();
		this.publicKey = (RSAPublicKey) pair.getPublic();
		this.token = issueToken();
	}

	@Benchmark
	public boolean loginArgon2id() {
		return this.argon2.verify(PASSWORD, this.argon2Hash).matched();
	}

	@Benchmark
	public boolean loginArgon2idPassword4j() {
		return this.password4j.matches(PASSWORD, this.argon2Hash);
	}

	@Benchmark
	public boolean loginPbkdf2Sha256At600k() {
		return this.pbkdf2.matches(PASSWORD, this.pbkdf2Hash);
	}

	@Benchmark
	public String issueToken() throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080/api/auth")
			.subject(UUID.randomUUID().toString())
			.audience("nori-api")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(600)))
			.jwtID(UUID.randomUUID().toString())
			.claim("roles", List.of("user", "editor"))
			.claim("permissions", List.of("articles.create", "articles.edit", "articles.publish"))
			.build();
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").type(new JOSEObjectType("at+jwt")).build(),
				claims);
		jwt.sign(new RSASSASigner(this.privateKey));
		return jwt.serialize();
	}

	@Benchmark
	public boolean verifyToken() throws Exception {
		return SignedJWT.parse(this.token).verify(new RSASSAVerifier(this.publicKey));
	}

	public static void main(String[] args) throws Exception {
		int threads = Integer.getInteger("threads", Runtime.getRuntime().availableProcessors());
		// Argon2 allocates 19 MiB per hash: G1 costs it a quarter of its rate on two
		// cores, so auth-service is meant to run with the parallel collector
		// (-DjvmArgs=... to compare)
		String jvmArgs = System.getProperty("jvmArgs", "-Xmx1g,-XX:+UseParallelGC");
		Options options = new OptionsBuilder().include(PasswordHashingBenchmark.class.getName())
			.forks(1)
			.threads(threads)
			.warmupIterations(Integer.getInteger("warmups", 2))
			.warmupTime(TimeValue.seconds(Integer.getInteger("seconds", 5)))
			.measurementIterations(Integer.getInteger("iterations", 3))
			.measurementTime(TimeValue.seconds(Integer.getInteger("seconds", 5)))
			.jvmArgsAppend(jvmArgs.split(","))
			.build();
		Collection<RunResult> results = new Runner(options).run();
		double argon2 = rate(results, "loginArgon2id");
		double pbkdf2 = rate(results, "loginPbkdf2Sha256At600k");
		System.out.println();
		System.out.printf(Locale.ROOT, "threads %d, %d processors, JVM %s%n", threads,
				Runtime.getRuntime().availableProcessors(), jvmArgs);
		System.out.printf(Locale.ROOT, "login, Argon2id m=19MiB t=2 p=1 : %10.1f /s%n", argon2);
		System.out.printf(Locale.ROOT, "login, Argon2id (Password4j)    : %10.1f /s%n",
				rate(results, "loginArgon2idPassword4j"));
		System.out.printf(Locale.ROOT, "login, PBKDF2-SHA256 600k       : %10.1f /s%n", pbkdf2);
		System.out.printf(Locale.ROOT, "ratio Argon2id / PBKDF2         : %10.2fx (target >= 4x)%n", argon2 / pbkdf2);
		System.out.printf(Locale.ROOT, "access token issue (RS256)      : %10.0f /s%n", rate(results, "issueToken"));
		System.out.printf(Locale.ROOT, "access token verify (RS256)     : %10.0f /s%n", rate(results, "verifyToken"));
	}

	private static double rate(Collection<RunResult> results, String method) {
		return results.stream()
			.filter((result) -> result.getParams().getBenchmark().endsWith("." + method))
			.findFirst()
			.orElseThrow()
			.getPrimaryResult()
			.getScore();
	}

}
