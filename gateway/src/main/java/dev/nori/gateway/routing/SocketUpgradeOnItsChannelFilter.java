package dev.nori.gateway.routing;

import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Upgrades a WebSocket on its connection's event loop. Earlier filters may finish on
 * another thread (a Redis client's, after a rate limit or revocation check); Reactor
 * Netty, when the upgrade starts there, can hand the connection to the WebSocket only
 * after a frame the client sent right after the {@code 101} has already reached, and been
 * dropped by, the finished HTTP exchange. A client that writes as soon as it is open (a
 * subscription, an authentication message) then silently loses that first frame.
 */
class SocketUpgradeOnItsChannelFilter implements GlobalFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (!"websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade())) {
			return chain.filter(exchange);
		}
		EventLoop loop = eventLoop(exchange.getRequest());
		if (loop == null || loop.inEventLoop()) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.fromExecutor(loop));
	}

	private static EventLoop eventLoop(ServerHttpRequest request) {
		Object connection = ServerHttpRequestDecorator.getNativeRequest(request);
		if (!(connection instanceof HttpServerRequest reactorRequest)) {
			return null;
		}
		AtomicReference<EventLoop> loop = new AtomicReference<>();
		reactorRequest.withConnection((it) -> loop.set(it.channel().eventLoop()));
		return loop.get();
	}

	@Override
	public int getOrder() {
		// after every filter that may switch threads, before the origin is set and the
		// WebSocket routing filter (lowest precedence - 1) upgrades
		return Ordered.LOWEST_PRECEDENCE - 3;
	}

}
