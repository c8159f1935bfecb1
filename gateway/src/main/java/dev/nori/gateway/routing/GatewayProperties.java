package dev.nori.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

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
 */
@Validated
@ConfigurationProperties("nori.gateway")
public record GatewayProperties(@NotEmpty Map<String, URI> services,
		@DefaultValue("2s") @NotNull Duration connectTimeout, @DefaultValue("30s") @NotNull Duration responseTimeout) {
}
