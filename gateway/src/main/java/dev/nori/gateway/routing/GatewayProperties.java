package dev.nori.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway sends requests.
 *
 * @param services each service's base URI by route key: {@code /api/<key>/**} goes to it
 * (set with {@code NORI_GATEWAY_SERVICES_<KEY>=http://host:port})
 * @param connectTimeout how long to wait for a connection to a service
 * @param responseTimeout how long to wait for a service's response before answering 504
 * @param retries how often an idempotent request (GET, HEAD, OPTIONS) is retried when the
 * service cannot be reached or answers 502/503; other methods are never retried
 * @param breaker the circuit breaker each service gets
 * @param pages route keys whose services also serve browser pages, under
 * {@code /<key>/**} (the jobs dashboard at {@code /jobs/dashboard}): routed like the API,
 * relayed with the browser session, given the pages' Content-Security-Policy
 * @param sockets more WebSocket paths per route key, besides {@code /ws/<key>/**} (for
 * example {@code notifications: [/ws/events]})
 * @param streams long-lived response paths per route key (Server-Sent Events): routed
 * with no response timeout, no retry and no circuit breaker
 * @param publicUrl the gateway's public URL ({@code NORI_PUBLIC_URL}): the origin a
 * WebSocket is opened from, on behalf of a client that sent none
 */
@Validated
@ConfigurationProperties("nori.gateway")
public record GatewayProperties(@NotEmpty Map<String, URI> services,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration responseTimeout,
		@DefaultValue("2") @Min(0) @Max(5) int retries, @Valid @DefaultValue Breaker breaker,
		@DefaultValue("jobs") List<String> pages, @Nullable Map<String, List<String>> sockets,
		@Nullable Map<String, List<String>> streams, @DefaultValue("http://localhost:8080") @NotNull URI publicUrl) {

	/**
	 * Applies the defaults of the optional settings.
	 * @param services the services
	 * @param connectTimeout the connect timeout
	 * @param responseTimeout the response timeout
	 * @param retries the retries
	 * @param breaker the breaker
	 * @param pages the page route keys
	 * @param sockets the extra WebSocket paths
	 * @param streams the stream paths
	 * @param publicUrl the public URL
	 */
	public GatewayProperties {
		sockets = (sockets != null) ? Map.copyOf(sockets) : Map.of();
		streams = (streams != null) ? Map.copyOf(streams) : Map.of();
	}

	/**
	 * Returns whether a path is one of the services' browser pages.
	 * @param path the request path
	 * @return whether it lies under {@code /<key>/} of a page route
	 */
	public boolean isPage(String path) {
		// a loop without concatenation: the security headers ask for every response
		for (String key : this.pages) {
			if (path.length() > key.length() + 1 && path.charAt(0) == '/' && path.startsWith(key, 1)
					&& path.charAt(key.length() + 1) == '/') {
				return true;
			}
		}
		return false;
	}

	/**
	 * A circuit breaker per service: when too many calls in the window failed
	 * (unreachable or too slow), calls fail fast with 503 for a while, then a few trial
	 * calls decide whether to close it.
	 *
	 * @param failureRateThreshold the percentage of failed calls that opens the breaker
	 * @param slidingWindowSize how many recent calls are judged
	 * @param minimumCalls how many calls the window needs before it can open
	 * @param waitInOpenState how long the breaker stays open before trial calls
	 * @param trialCalls how many calls are let through when half open
	 * @param maxConcurrentCalls how many calls to the service may be in flight at once
	 * from this gateway instance; beyond that a call is refused at once with 503 (a
	 * bulkhead: one slow service cannot take every connection)
	 */
	public record Breaker(@DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
			@DefaultValue("20") @Min(1) int slidingWindowSize, @DefaultValue("10") @Min(1) int minimumCalls,
			@DefaultValue("15s") @NotNull Duration waitInOpenState, @DefaultValue("3") @Min(1) int trialCalls,
			@DefaultValue("1000") @Min(1) int maxConcurrentCalls) {
	}

}
