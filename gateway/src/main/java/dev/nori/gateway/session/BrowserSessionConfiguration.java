package dev.nori.gateway.session;

import dev.nori.gateway.routing.GatewayEndpoints;
import dev.nori.gateway.routing.GatewayProperties;

import java.time.Clock;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BrowserSessionProperties.class)
@ConditionalOnProperty(prefix = "nori.gateway.session", name = "enabled", matchIfMissing = true)
class BrowserSessionConfiguration {

	@Bean
	AuthServiceClient browserSessionAuthClient(BrowserSessionProperties properties, ObjectProvider<Clock> clock) {
		WebClient client = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create()
				.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeout().toMillis())
				.responseTimeout(properties.timeout())))
			.build();
		return new AuthServiceClient(client, properties.authUri(), properties.timeout(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	BrowserSessionRelayFilter browserSessionRelayFilter(BrowserSessionProperties properties, GatewayProperties routes,
			AuthServiceClient auth, ObjectProvider<Clock> clock) {
		return new BrowserSessionRelayFilter(properties, routes, auth, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	RouterFunction<ServerResponse> browserSessionRoutes(BrowserSessionProperties properties, GatewayProperties routes,
			AuthServiceClient auth, JsonMapper json) {
		BrowserSessionEndpoints endpoints = new BrowserSessionEndpoints(properties, routes, auth, json);
		return RouterFunctions.route()
			.POST(BrowserSessionEndpoints.PATH, endpoints::login)
			.GET(BrowserSessionEndpoints.PATH, endpoints::status)
			.DELETE(BrowserSessionEndpoints.PATH, endpoints::logout)
			.build();
	}

	// no service route takes it, though /api/auth/** covers it
	@Bean
	GatewayEndpoints browserSessionEndpoint() {
		return GatewayEndpoints.of(BrowserSessionEndpoints.PATH);
	}

	// the session cookie: never readable by scripts, sent on top-level navigation only
	@Bean
	WebSessionIdResolver webSessionIdResolver(BrowserSessionProperties properties) {
		CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
		resolver.setCookieName(properties.cookieName());
		resolver.addCookieInitializer(
				(cookie) -> cookie.path("/").httpOnly(true).secure(properties.secureCookie()).sameSite("Lax"));
		return resolver;
	}

}
