package dev.nori.auth.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login rules.
 *
 * @param requireVerifiedEmail whether a user must verify their address before logging in;
 * when not, tokens say whether it is verified ({@code email_verified})
 */
@ConfigurationProperties("nori.auth.login")
public record LoginProperties(@DefaultValue("false") boolean requireVerifiedEmail) {
}
