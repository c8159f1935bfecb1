package dev.nori.gateway.requestid;

import dev.nori.servicedefaults.core.requestid.RequestIds;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends the request's id to the service in place of whatever the client sent. Applied
 * when Spring Cloud Gateway builds the request to the service (also a WebSocket's
 * handshake), after its own header filters: mutating the incoming request instead copied
 * its headers and wrapped the exchange once more for every request.
 */
@Component
class RequestIdForwarding implements HttpHeadersFilter, Ordered {

	@Override
	public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
		String requestId = exchange.getAttribute(RequestIds.CONTEXT_KEY);
		if (requestId == null || requestId.equals(input.getFirst(RequestIds.HEADER))) {
			return input;
		}
		// the headers handed in may be the client's own, which are read-only
		HttpHeaders forwarded = HttpHeaders.copyOf(input);
		forwarded.set(RequestIds.HEADER, requestId);
		return forwarded;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
