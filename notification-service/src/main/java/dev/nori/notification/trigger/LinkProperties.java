package dev.nori.notification.trigger;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The links mail carries: pages of the application's front end, where {@code {token}}
 * becomes the URL-encoded token. The page posts the token to
 * {@code /api/auth/verify-email} or {@code /api/auth/password-reset/confirm}.
 *
 * @param verifyEmail the address-verification page
 * @param passwordReset the choose-a-new-password page
 */
@Validated
@ConfigurationProperties("nori.notifications.links")
public record LinkProperties(@NotBlank String verifyEmail, @NotBlank String passwordReset) {

	/**
	 * Puts a token into a link.
	 * @param link the configured link
	 * @param token the token
	 * @return the link
	 */
	public static String withToken(String link, String token) {
		return link.replace("{token}", URLEncoder.encode(token, StandardCharsets.UTF_8));
	}

}
