package dev.nori.contracts.identity;

/**
 * The shape of auth-service's access tokens: RS256-signed JWTs with a {@code kid}, the
 * {@code typ} header {@value #TYPE}, {@code iss} = the public URL plus {@code /api/auth},
 * {@code aud} = {@value #AUDIENCE}, and the claims named here besides the registered ones
 * ({@code sub}, {@code exp}, {@code iat}, {@code jti}).
 */
public final class AccessTokens {

	/** The {@code typ} header of an access token (RFC 9068). */
	public static final String TYPE = "at+jwt";

	/** The audience every Nori API accepts. */
	public static final String AUDIENCE = "nori-api";

	/** The user's permissions, a list of strings such as {@code articles.edit}. */
	public static final String PERMISSIONS_CLAIM = "permissions";

	/** The user's role names, a list of strings. */
	public static final String ROLES_CLAIM = "roles";

	/** Whether the user's email address has been verified, a boolean. */
	public static final String EMAIL_VERIFIED_CLAIM = "email_verified";

	/** The login session (device) the token belongs to. */
	public static final String SESSION_CLAIM = "sid";

	/** The user's email address. */
	public static final String EMAIL_CLAIM = "email";

	private AccessTokens() {
	}

}
