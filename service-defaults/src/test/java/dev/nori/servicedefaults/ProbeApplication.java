package dev.nori.servicedefaults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.background.BackgroundTasks;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import dev.nori.servicedefaults.problem.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * A minimal service built on the defaults, with endpoints that fail in every way the
 * defaults must answer.
 */
@SpringBootApplication
public class ProbeApplication {

	/** Request ids seen by background tasks, in the order they ran. */
	static final List<String> BACKGROUND_RUNS = new CopyOnWriteArrayList<>();

	record ThingRequest(@NotBlank(message = "is required") String title,
			@Size(max = 5, message = "must be at most 5 characters") String code,
			@Email(message = "is not an email address") String email) {
	}

	@RestController
	static class ProbeController {

		private static final Logger log = LoggerFactory.getLogger(ProbeController.class);

		private final RestClient.Builder restClient;

		private final Environment environment;

		private final AuditLog audit;

		private final BackgroundTasks background;

		private final JdbcClient jdbc;

		ProbeController(RestClient.Builder restClient, Environment environment, AuditLog audit,
				BackgroundTasks background, JdbcClient jdbc) {
			this.jdbc = jdbc;
			this.restClient = restClient;
			this.environment = environment;
			this.audit = audit;
			this.background = background;
		}

		@PostMapping("/api/probe/things")
		@ResponseStatus(HttpStatus.CREATED)
		ThingRequest create(@Valid @RequestBody ThingRequest request) {
			return request;
		}

		@GetMapping("/api/probe/conflict")
		void conflict() {
			throw ProblemException.conflict("Version 3 of thing 7 is stale.");
		}

		@GetMapping("/api/probe/limited")
		void limited() {
			throw ProblemException.tooManyRequests(java.time.Duration.ofSeconds(30));
		}

		@GetMapping("/api/probe/unavailable")
		void unavailable() {
			throw ProblemException.unavailable("Search is rebuilding its index.", java.time.Duration.ofSeconds(10));
		}

		@GetMapping("/api/probe/boom")
		void boom() {
			throw new IllegalStateException("secret internal detail at com.example.Internal");
		}

		@GetMapping("/api/probe/log")
		String logLine() {
			log.info("probe log line");
			return "logged";
		}

		@GetMapping("/api/probe/outgoing")
		String outgoing() {
			return this.restClient.build()
				.get()
				.uri("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + "/api/probe/echo-header")
				.retrieve()
				.body(String.class);
		}

		@GetMapping("/api/probe/echo-header")
		String echoHeader(@RequestHeader(name = RequestIds.HEADER, required = false) String requestId) {
			return String.valueOf(requestId);
		}

		@GetMapping("/api/probe/db")
		Integer database() {
			return this.jdbc.sql("select 1").query(Integer.class).single();
		}

		@PostMapping("/api/probe/audit")
		void audit() {
			this.audit.audit("probe.audited", "probe:1", Map.of("reason", "test"));
		}

		@GetMapping("/api/probe/editors")
		@PreAuthorize("hasAuthority('articles.edit')")
		String editors() {
			return "edited";
		}

		@PostMapping("/api/probe/background")
		String background() {
			this.background.run(() -> BACKGROUND_RUNS.add(String.valueOf(MDC.get(RequestIds.CONTEXT_KEY))));
			return "queued";
		}

	}

}
