package dev.nori.jobs.http;

import java.net.URI;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The payload of an {@code http} job.
 *
 * @param method GET, POST, PUT, PATCH or DELETE
 * @param url where to send it
 * @param headers extra request headers
 * @param body the request body
 * @param timeoutSeconds how long the request may take
 * @param secret the name of a configured signing secret; the request is then signed with
 * the Standard Webhooks scheme ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature})
 * @param signingSecret a signing secret of the job's own ({@code whsec_…}), for callers
 * that keep one per receiver (notification-service's webhook endpoints); stored with the
 * job and never shown by the API
 */
public record HttpJob(String method, URI url, @Nullable Map<String, String> headers, @Nullable String body,
		@Nullable Integer timeoutSeconds, @Nullable String secret, @Nullable String signingSecret) {
}
