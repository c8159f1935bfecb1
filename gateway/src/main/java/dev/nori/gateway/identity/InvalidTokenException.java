package dev.nori.gateway.identity;

/**
 * A bearer token that is not accepted; the message says why in terms safe to show the
 * client.
 */
class InvalidTokenException extends RuntimeException {

	InvalidTokenException(String reason) {
		super(reason, null, false, false);
	}

}
