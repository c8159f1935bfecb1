package dev.nori.gateway.docs;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The merged API documentation at {@code /docs}.
 *
 * @param enabled whether {@code /docs} is served
 * @param title the document's title
 * @param cacheFor how long a merged document is served before the services are asked
 * again
 * @param fetchTimeout how long a service may take to hand over its document; a service
 * that does not is listed as missing
 */
@Validated
@ConfigurationProperties("nori.gateway.docs")
public record DocsProperties(@DefaultValue("true") boolean enabled, @DefaultValue("Nori API") @NotBlank String title,
		@DefaultValue("30s") @NotNull Duration cacheFor, @DefaultValue("3s") @NotNull Duration fetchTimeout) {
}
