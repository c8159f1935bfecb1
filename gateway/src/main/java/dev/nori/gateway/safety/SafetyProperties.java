package dev.nori.gateway.safety;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Browser-facing safety settings.
 *
 * @param maxBodySize the largest request body forwarded to a service, unless its route
 * says otherwise
 * @param maxBodySizes per-route overrides of {@code maxBodySize}, by route key (for
 * example {@code content: 25MB} for uploads)
 * @param identityHeaderPrefixes request headers starting with any of these are removed
 * before forwarding: identity is established by the gateway, never claimed by a client
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every response but
 * the API documentation's
 * @param docsContentSecurityPolicy the {@code Content-Security-Policy} of the Swagger UI
 * pages under {@code /docs} (its scripts and styles come from the gateway itself)
 * @param pageContentSecurityPolicy the {@code Content-Security-Policy} of the services'
 * browser pages ({@code nori.gateway.pages}): their own scripts, styles and forms only
 * @param referrerPolicy the {@code Referrer-Policy} of every response but pages
 * @param pageReferrerPolicy the {@code Referrer-Policy} of the services' pages: under
 * {@code no-referrer} a browser sends {@code Origin: null} with a page's own form posts
 * and htmx requests, which CORS then refuses
 * @param permissionsPolicy the {@code Permissions-Policy} of every response
 * @param strictTransportSecurity the {@code Strict-Transport-Security} of responses
 * served over TLS
 * @param cors cross-origin access for browsers
 * @param trustedProxies addresses or CIDR blocks of the proxies in front of the gateway
 * whose {@code Forwarded}/{@code X-Forwarded-*} headers are believed; from anyone else
 * they are removed
 */
@Validated
@ConfigurationProperties("nori.gateway.safety")
public record SafetyProperties(@DefaultValue("1MB") @NotNull DataSize maxBodySize,
		@Nullable Map<String, DataSize> maxBodySizes, @DefaultValue( {
				"X-User-", "X-Auth-", "X-Nori-User", "X-Nori-Identity",
				"X-Nori-Csrf" }) List<String> identityHeaderPrefixes,
		@DefaultValue("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'") String contentSecurityPolicy,
		@DefaultValue("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'") String docsContentSecurityPolicy,
		@DefaultValue("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'") String pageContentSecurityPolicy,
		@DefaultValue("no-referrer") String referrerPolicy, @DefaultValue("same-origin") String pageReferrerPolicy,
		@DefaultValue("camera=(), microphone=(), geolocation=(), payment=(), usb=()") String permissionsPolicy,
		@DefaultValue("max-age=31536000; includeSubDomains") String strictTransportSecurity,
		@Valid @DefaultValue Cors cors, @DefaultValue({}) List<String> trustedProxies){

	public SafetyProperties {
		maxBodySizes = (maxBodySizes != null) ? Map.copyOf(maxBodySizes) : Map.of();
	}

	/**
	 * Returns the body limit of a route.
	 * @param routeKey the route key, or {@code null} when no route matches
	 * @return the limit
	 */
	public DataSize maxBodySize(@Nullable String routeKey) {
		return (routeKey != null) ? this.maxBodySizes.getOrDefault(routeKey, this.maxBodySize) : this.maxBodySize;
	}

	/**
	 * Cross-origin access: only the listed origins, never a wildcard with credentials.
	 *
	 * @param allowedOrigins origins allowed to call the API from a browser
	 * ({@code https://app.example.com}); empty means no cross-origin access
	 * @param allowedMethods methods allowed cross-origin
	 * @param allowedHeaders request headers allowed cross-origin
	 * @param exposedHeaders response headers a browser script may read
	 * @param allowCredentials whether cookies and authorization may be sent cross-origin
	 * @param maxAge how long a browser may cache a preflight answer
	 */
	public record Cors(@DefaultValue( {
		}) List<String> allowedOrigins,
			@DefaultValue({ "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" }) List<String> allowedMethods,
			@DefaultValue({ "Authorization", "Content-Type", "X-Request-ID",
					"X-CSRF-Token" }) List<String> allowedHeaders,
			@DefaultValue({ "X-Request-ID", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
					"RateLimit-Reset" }) List<String> exposedHeaders,
			@DefaultValue("true") boolean allowCredentials, @DefaultValue("30m") Duration maxAge){

		/**
		 * Tells whether the origins are explicit whenever credentials are allowed.
		 * @return {@code false} for a wildcard origin with credentials
		 */
		@AssertTrue(message = "must list explicit origins when allow-credentials is true (no '*')")
		public boolean isExplicitWhenCredentialed() {
			return !this.allowCredentials || this.allowedOrigins.stream().noneMatch((origin) -> origin.contains("*"));
		}

	}

}
