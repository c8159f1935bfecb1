package dev.nori.jobs.http;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.nori.eventing.tracing.TraceParents;
import dev.nori.jobs.handler.JobContext;
import dev.nori.jobs.handler.JobHandler;
import dev.nori.servicedefaults.core.outbound.Destinations;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * {@code http}: sends a request and succeeds on a 2xx answer. Destinations are checked
 * when the job is enqueued and again before every attempt (a name may resolve elsewhere
 * later). Redirects are not followed.
 */
@Component
@EnableConfigurationProperties(HttpJobProperties.class)
class HttpJobHandler implements JobHandler<HttpJob> {

	private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

	private final HttpJobProperties properties;

	private final Destinations destinations;

	private final Clock clock;

	private final HttpClient client = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final TraceParents traces;

	HttpJobHandler(HttpJobProperties properties, Clock clock, TraceParents traces) {
		this.properties = properties;
		this.traces = traces;
		this.destinations = new Destinations(properties.allowedHosts(), properties.allowLoopback());
		this.clock = clock;
	}

	@Override
	public String type() {
		return "http";
	}

	@Override
	public Class<HttpJob> payloadType() {
		return HttpJob.class;
	}

	@Override
	public List<String> validate(HttpJob job) {
		List<String> problems = new ArrayList<>();
		if (job.method() == null || !METHODS.contains(job.method().toUpperCase(Locale.ROOT))) {
			problems.add("method must be one of " + METHODS);
		}
		if (job.url() == null) {
			problems.add("url is required");
		}
		else {
			this.destinations.refusal(job.url()).ifPresent(problems::add);
		}
		if (job.secret() != null && !this.properties.secrets().containsKey(job.secret())) {
			problems.add("secret names no configured secret");
		}
		if (job.secret() != null && job.signingSecret() != null) {
			problems.add("give secret or signingSecret, not both");
		}
		if (job.signingSecret() != null && !isSigningSecret(job.signingSecret())) {
			problems.add("signingSecret must be whsec_ and the base64 of 24 to 64 bytes");
		}
		if (job.timeoutSeconds() != null && (job.timeoutSeconds() < 1 || job.timeoutSeconds() > 300)) {
			problems.add("timeoutSeconds must be between 1 and 300");
		}
		return problems;
	}

	@Override
	public void handle(HttpJob job, JobContext context) throws IOException, InterruptedException {
		this.destinations.refusal(job.url()).ifPresent((refusal) -> {
			throw new IllegalStateException(refusal);
		});
		String body = (job.body() != null) ? job.body() : "";
		HttpRequest.Builder request = HttpRequest.newBuilder(job.url())
			.timeout((job.timeoutSeconds() != null) ? Duration.ofSeconds(job.timeoutSeconds())
					: this.properties.defaultTimeout())
			.method(job.method().toUpperCase(Locale.ROOT),
					body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		String messageId = "msg_" + context.jobId();
		if (job.headers() != null) {
			for (Map.Entry<String, String> header : job.headers().entrySet()) {
				// a caller that redelivers a message keeps its id, so receivers
				// can spot it
				if (header.getKey().equalsIgnoreCase("webhook-id")) {
					messageId = header.getValue();
				}
				else {
					request.header(header.getKey(), header.getValue());
				}
			}
		}
		// the JDK client is not instrumented: the receiver joins the trace through this
		String traceparent = this.traces.current();
		if (traceparent != null) {
			request.setHeader(TraceParents.HEADER, traceparent);
		}
		String key = (job.signingSecret() != null) ? job.signingSecret()
				: (job.secret() != null) ? this.properties.secrets().get(job.secret()) : null;
		if (key != null) {
			String id = messageId;
			String timestamp = Long.toString(this.clock.instant().getEpochSecond());
			request.header("webhook-id", id)
				.header("webhook-timestamp", timestamp)
				.header("webhook-signature", "v1," + sign(key, id + "." + timestamp + "." + body));
		}
		HttpResponse<Void> response = this.client.send(request.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException(
					job.method() + " " + job.url().getHost() + " answered " + response.statusCode());
		}
	}

	private static boolean isSigningSecret(String secret) {
		if (!secret.startsWith("whsec_")) {
			return false;
		}
		try {
			int length = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
			return length >= 24 && length <= 64;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static String sign(String secret, String content) {
		String key = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

}
