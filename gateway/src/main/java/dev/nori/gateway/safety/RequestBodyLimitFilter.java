package dev.nori.gateway.safety;

import dev.nori.gateway.edge.EdgeFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;

/**
 * Refuses request bodies over the route's limit with 413 before anything reaches the
 * service: at once when {@code Content-Length} says so; a body without a length is read
 * up to the limit first and forwarded only when it fits.
 */
class RequestBodyLimitFilter implements EdgeFilter {

	private final SafetyProperties properties;

	RequestBodyLimitFilter(SafetyProperties properties) {
		this.properties = properties;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long limit = this.properties.maxBodySize(routeKey(request.getPath().value())).toBytes();
		long length = request.getHeaders().getContentLength();
		if (length > limit) {
			return Mono.error(tooLarge(limit));
		}
		if (length >= 0 || !hasBody(request)) {
			return chain.filter(exchange);
		}
		return DataBufferUtils.join(request.getBody(), (int) Math.min(limit, Integer.MAX_VALUE))
			.onErrorMap(DataBufferLimitException.class, (ex) -> tooLarge(limit))
			.defaultIfEmpty(exchange.getResponse().bufferFactory().wrap(new byte[0]))
			.flatMap((body) -> chain.filter(exchange.mutate().request(new ServerHttpRequestDecorator(request) {
				@Override
				public Flux<DataBuffer> getBody() {
					return Flux.just(body);
				}
			}).build()));
	}

	private static boolean hasBody(ServerHttpRequest request) {
		return request.getHeaders().containsHeader("Transfer-Encoding");
	}

	private static ResponseStatusException tooLarge(long limit) {
		return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + limit + " bytes.");
	}

	// "/api/content/articles" -> "content"
	static String routeKey(String path) {
		if (!path.startsWith("/api/")) {
			return null;
		}
		int end = path.indexOf('/', 5);
		return (end < 0) ? path.substring(5) : path.substring(5, end);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 4;
	}

}
