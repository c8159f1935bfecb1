package dev.nori.notification.live;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Live event streams (WebSocket and SSE).
 *
 * @param heartbeat how often an idle connection gets a heartbeat
 * @param buffer events held for one client that has not read them yet; a client that
 * falls further behind is disconnected
 * @param retention how long events are kept for clients that resume
 * ({@code Last-Event-ID})
 * @param retainedEvents the most events kept for resuming
 * @param sendTimeout how long one write to a client may block before the client is
 * dropped
 * @param maxSubscribers connections one instance accepts
 * @param allowedOrigins origins whose pages may open a WebSocket (clients that send no
 * {@code Origin}, which browsers always do, are not checked)
 */
@Validated
@ConfigurationProperties("nori.notifications.live")
public record LiveProperties(@DefaultValue("15s") @NotNull Duration heartbeat,
		@DefaultValue("1024") @Min(1) @Max(100000) int buffer, @DefaultValue("5m") @NotNull Duration retention,
		@DefaultValue("10000") @Min(0) @Max(1000000) int retainedEvents,
		@DefaultValue("10s") @NotNull Duration sendTimeout, @DefaultValue("10000") @Min(1) int maxSubscribers,
		@DefaultValue("http://localhost:8080") List<String> allowedOrigins) {
}
