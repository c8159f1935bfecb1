package dev.nori.notification.live;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The WebSocket endpoints, with small message limits: clients only ever send short
 * commands.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveConfiguration implements WebSocketConfigurer {

	private static final int MAX_MESSAGE = 8 * 1024;

	private final LiveHub hub;

	private final LiveProperties properties;

	private final JsonMapper json;

	LiveConfiguration(LiveHub hub, LiveProperties properties, JsonMapper json) {
		this.hub = hub;
		this.properties = properties;
		this.json = json;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		String[] origins = this.properties.allowedOrigins().toArray(String[]::new);
		registry.addHandler(new EventSocketHandler(this.hub, this.properties, this.json), "/ws/events")
			.setAllowedOriginPatterns(origins);
		registry.addHandler(new EchoSocketHandler(), "/ws/echo").setAllowedOriginPatterns(origins);
	}

	@Bean
	ServletServerContainerFactoryBean webSocketContainer() {
		ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
		container.setMaxTextMessageBufferSize(MAX_MESSAGE);
		container.setMaxBinaryMessageBufferSize(MAX_MESSAGE);
		container.setMaxSessionIdleTimeout(0L);
		return container;
	}

}
