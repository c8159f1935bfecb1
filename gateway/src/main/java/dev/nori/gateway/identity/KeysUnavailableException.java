package dev.nori.gateway.identity;

import java.net.URI;

/**
 * An issuer's key set could not be fetched and no key for the token is known, or an API
 * key could not be exchanged: the credential can be neither accepted nor refused.
 */
class KeysUnavailableException extends RuntimeException {

	KeysUnavailableException(URI jwksUri, Throwable cause) {
		super("Cannot fetch the signing keys from " + jwksUri, cause);
	}

	KeysUnavailableException(String message) {
		super(message);
	}

}
