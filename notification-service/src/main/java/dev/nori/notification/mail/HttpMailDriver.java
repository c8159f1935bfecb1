package dev.nori.notification.mail;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * {@code http}: POSTs each message as JSON to a mail API in the style of Resend. 2xx is
 * accepted; 4xx other than 408 and 429 will not get better and is permanent; anything
 * else is tried again.
 */
@Component
class HttpMailDriver implements MailDriver {

	private final MailProperties.Http properties;

	private final JsonMapper json;

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	HttpMailDriver(MailProperties properties, JsonMapper json) {
		this.properties = properties.http();
		this.json = json;
	}

	@Override
	public String name() {
		return "http";
	}

	@Override
	public void send(MailMessage message) throws MailDeliveryException {
		if (this.properties.url() == null) {
			throw new MailDeliveryException("The http driver needs nori.notifications.mail.http.url", false, null);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put(field("from"), message.from());
		body.put(field("to"), List.of(message.to()));
		body.put(field("subject"), message.subject());
		body.put(field("html"), message.html());
		body.put(field("text"), message.text());
		HttpRequest.Builder request = HttpRequest.newBuilder(this.properties.url())
			.timeout(this.properties.timeout())
			.header("Content-Type", "application/json")
			// the API's own idempotency, where it has one (Resend does)
			.header("Idempotency-Key", message.id().toString())
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)));
		if (this.properties.apiKey() != null) {
			request.header("Authorization", "Bearer " + this.properties.apiKey());
		}
		HttpResponse<String> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new MailDeliveryException("Mail API unreachable: " + ex.getMessage(), false, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MailDeliveryException("Interrupted while sending", false, ex);
		}
		int status = response.statusCode();
		if (status / 100 != 2) {
			boolean permanent = status / 100 == 4 && status != 408 && status != 429;
			String detail = response.body();
			throw new MailDeliveryException(
					"Mail API answered " + status + ": " + detail.substring(0, Math.min(200, detail.length())),
					permanent, null);
		}
	}

	private String field(String name) {
		return this.properties.fields().getOrDefault(name, name);
	}

}
