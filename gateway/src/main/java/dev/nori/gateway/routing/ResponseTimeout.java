package dev.nori.gateway.routing;

import java.time.Duration;

import reactor.netty.http.client.HttpClient;
import reactor.util.context.Context;

/**
 * How long a guarded route waits for its service: no byte of the answer for this long
 * after the whole request went out, and the call fails with Netty's
 * {@link io.netty.handler.timeout.ReadTimeoutException} (504). Spring Cloud Gateway's
 * per-route response timeout counts from the start of the call instead, so an upload from
 * a slow client ran into it before the service had the whole body; and it wraps every
 * call in a Reactor {@code timeout} whose timer lives on the parallel scheduler (a lock
 * and a task on another thread per request), where Reactor Netty times this on the
 * connection's own event loop. The duration travels in the Reactor context of the route's
 * call, so routes without it (streams, WebSockets) wait as long as their service takes.
 */
final class ResponseTimeout {

	private static final Object KEY = ResponseTimeout.class;

	private final Context context;

	ResponseTimeout(Duration timeout) {
		this.context = Context.of(KEY, timeout);
	}

	/**
	 * Returns the context that sets this timeout on the calls made under it.
	 * @return the context to write
	 */
	Context context() {
		return this.context;
	}

	/**
	 * Makes the gateway's HTTP client apply the timeout a call carries in its context.
	 * @param client the client
	 * @return the client applying it
	 */
	static HttpClient appliedBy(HttpClient client) {
		return client.doOnRequest((request, connection) -> {
			Duration timeout = request.currentContextView().getOrDefault(KEY, null);
			if (timeout != null) {
				request.responseTimeout(timeout);
			}
		});
	}

}
