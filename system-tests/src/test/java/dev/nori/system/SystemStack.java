package dev.nori.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.ServiceSpec;
import dev.nori.launcher.Stack;
import dev.nori.launcher.StackSettings;
import dev.nori.testsupport.RedisServerProcess;
import dev.nori.testsupport.TestMailbox;
import dev.nori.testsupport.TestPostgres;
import dev.nori.testsupport.TestKeycloak;
import dev.nori.testsupport.TestS3;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole stack, started once for every system test class of a run by the same launcher
 * as {@code ./nori up} (every service its own process, plus a Kafka broker process), with
 * a real SMTP server and an OTLP trace receiver beside it. Stopped when the run ends:
 * every service must stop on SIGTERM, and no service's log may hold a secret the run
 * used.
 */
final class SystemStack implements BeforeAllCallback {

	static final String ADMIN_EMAIL = "admin@systest.nori.localhost";

	static final String ADMIN_PASSWORD = "systest-admin-lantern-orchid-42";

	private static volatile Running running;

	/** Whether the tagged Keycloak group runs: {@code -Dnori.system.keycloak=true}. */
	static final boolean KEYCLOAK = Boolean.getBoolean("nori.system.keycloak");

	@Override
	public void beforeAll(ExtensionContext context) {
		running = context.getRoot()
			.getStore(ExtensionContext.Namespace.GLOBAL)
			.computeIfAbsent(SystemStack.class, (key) -> start(), Running.class);
	}

	static Running running() {
		assertThat(running).as("the stack (extend SystemTest)").isNotNull();
		return running;
	}

	private static Running start() {
		TestMailbox mailbox = TestMailbox.start();
		OtlpTraceReceiver traces = OtlpTraceReceiver.start();
		// a Redis of the stack's own, which the Redis fault stops (the shared one when
		// redis-server cannot be started here: that fault is then skipped)
		RedisServerProcess redis = RedisServerProcess.isInstalled() ? RedisServerProcess.start() : null;
		try {
			dropDatabases();
			StackSettings settings = new StackSettings(NoriHome.locate(), Path.of("target", "stack").toAbsolutePath(),
					Integer.getInteger("nori.system.gateway-port", 28080),
					Integer.getInteger("nori.system.kafka-port", 29092), "nori_systest_",
					environment(mailbox, traces, redis));
			Stack stack = new Stack(settings, System.out);
			Duration took = stack.start();
			System.out.println("stack ready in " + took.toMillis() + " ms");
			return new Running(stack, mailbox, traces, redis);
		}
		catch (Exception ex) {
			traces.close();
			if (redis != null) {
				redis.close();
			}
			throw new IllegalStateException("The stack did not start", ex);
		}
	}

	// the stack's databases belong to the system tests: each run starts from nothing
	private static void dropDatabases() throws Exception {
		try (Connection connection = TestPostgres.connect("postgres");
				Statement statement = connection.createStatement()) {
			List<String> databases = new ArrayList<>();
			try (ResultSet rows = statement
				.executeQuery("select datname from pg_database where datname like 'nori\\_systest\\_%'")) {
				while (rows.next()) {
					databases.add(rows.getString(1));
				}
			}
			for (String database : databases) {
				statement.execute("drop database \"" + database + "\" with (force)");
			}
		}
	}

	private static Map<String, String> environment(TestMailbox mailbox, OtlpTraceReceiver traces,
			RedisServerProcess redis) {
		Map<String, String> environment = new LinkedHashMap<>();
		if (redis != null) {
			environment.put("NORI_REDIS_PORT", Integer.toString(redis.port()));
		}
		// uploads in a real S3-protocol server
		environment.put("NORI_CONTENT_STORAGE_DRIVER", "s3");
		environment.put("NORI_CONTENT_STORAGE_S3_ENDPOINT", TestS3.get().endpoint());
		environment.put("NORI_CONTENT_STORAGE_S3_BUCKET", "nori-systest");
		environment.put("NORI_CONTENT_STORAGE_S3_ACCESSKEY", "systest-access");
		environment.put("NORI_CONTENT_STORAGE_S3_SECRETKEY", "systest-secret-key");
		if (KEYCLOAK) {
			// Keycloak's realm trusted beside auth-service, its editor role mapped
			TestKeycloak keycloak = TestKeycloak.get();
			for (String prefix : List.of("NORI_GATEWAY_IDENTITY_ISSUERS_KEYCLOAK_",
					"NORI_SERVICE_SECURITY_FEDERATEDISSUERS_KEYCLOAK_")) {
				environment.put(prefix + "ISSUER", keycloak.issuer());
				environment.put(prefix + "JWKSURI", keycloak.jwksUri());
				environment.put(prefix + "AUDIENCE", "nori-api");
			}
			environment.put("NORI_GATEWAY_IDENTITY_ISSUERS_KEYCLOAK_ACCESSTOKENCLAIMTYPE", "Bearer");
			environment.put("NORI_SERVICE_SECURITY_FEDERATEDISSUERS_KEYCLOAK_ROLEPERMISSIONS_EDITOR",
					"articles.create,articles.edit");
		}
		// a stopped service answers 504 within seconds (the slow-service fault)
		environment.put("NORI_GATEWAY_RESPONSETIMEOUT", "5s");
		environment.put("NORI_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
		environment.put("NORI_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		// longer than a token lives: every request of a browser session refreshes
		environment.put("NORI_GATEWAY_SESSION_REFRESHBEFORE", "11m");
		// several journeys register and log in from one address within a minute
		environment.put("NORI_GATEWAY_RATELIMIT_POLICIES_REGISTER_CAPACITY", "50");
		environment.put("NORI_GATEWAY_RATELIMIT_POLICIES_LOGIN_CAPACITY", "50");
		// job workers that die are noticed within seconds
		environment.put("NORI_JOBS_WORKER_LEASE", "3s");
		environment.put("NORI_JOBS_WORKER_HEARTBEAT", "1s");
		environment.put("NORI_JOBS_WORKER_POLLINTERVAL", "500ms");
		// mail through real SMTP; webhooks give up after three attempts
		environment.put("NORI_NOTIFICATIONS_MAIL_DRIVER", "smtp");
		environment.put("SPRING_MAIL_HOST", "127.0.0.1");
		environment.put("SPRING_MAIL_PORT", Integer.toString(mailbox.port()));
		environment.put("NORI_NOTIFICATIONS_WEBHOOKS_MAXATTEMPTS", "3");
		environment.put("NORI_NOTIFICATIONS_WEBHOOKS_DISABLEAFTER", "3");
		environment.put("NORI_JOBS_METRICS_REFRESH", "1s");
		environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", traces.endpoint());
		environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "200ms");
		return environment;
	}

	/**
	 * The running stack and what runs beside it.
	 *
	 * @param stack the services and the broker
	 * @param mailbox the SMTP server notification-service sends to
	 * @param traces the receiver every service exports its spans to
	 * @param redis the stack's own Redis, or {@code null} when it uses the shared one
	 * @param secretsUsed every token, password and secret the run sent or received
	 */
	record Running(Stack stack, TestMailbox mailbox, OtlpTraceReceiver traces, @Nullable RedisServerProcess redis,
			Set<String> secretsUsed) implements AutoCloseable {

		Running(Stack stack, TestMailbox mailbox, OtlpTraceReceiver traces, @Nullable RedisServerProcess redis) {
			this(stack, mailbox, traces, redis, ConcurrentHashMap.newKeySet());
		}

		@Override
		public void close() throws IOException {
			this.traces.close();
			List<ManagedProcess> processes = ServiceSpec.ALL.stream()
				.map((service) -> this.stack.process(service.name()))
				.toList();
			List<String> killed = this.stack.stop();
			assertThat(killed).as("services that ignored SIGTERM and had to be killed").isEmpty();
			assertThat(processes).noneMatch((process) -> process != null && process.isAlive());
			assertThat(this.stack.kafka().process()).isNull();
			if (this.redis != null) {
				this.redis.close();
			}
			assertNoLogHoldsASecret();
		}

		// the services' logs of the whole run, searched for every secret the run used
		private void assertNoLogHoldsASecret() throws IOException {
			// every run logs in: at least the admin's password and one token (their
			// number only: a failure report is a log too)
			assertThat(this.secretsUsed.size()).as("secrets seen in this run").isGreaterThanOrEqualTo(2);
			this.secretsUsed.add(ADMIN_PASSWORD);
			List<String> leaks = new ArrayList<>();
			try (var logs = Files.list(this.stack.settings().logDirectory())) {
				for (Path log : logs.toList()) {
					String text = Files.readString(log, StandardCharsets.UTF_8);
					for (String secret : this.secretsUsed) {
						if (text.contains(secret)) {
							// named by its start only: the report is a log too
							leaks.add(log.getFileName() + " holds " + secret.substring(0, 6) + "…");
						}
					}
				}
			}
			System.out
				.println("searched the services' logs for " + this.secretsUsed.size() + " secrets used in this run");
			assertThat(leaks).as("secrets in the logs").isEmpty();
		}

	}

}
