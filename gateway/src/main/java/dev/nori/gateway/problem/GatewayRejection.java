package dev.nori.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request the gateway refuses on purpose; its reason is written for the client and
 * becomes the problem's {@code detail}.
 */
public class GatewayRejection extends ResponseStatusException {

	/**
	 * Creates a rejection.
	 * @param status the status to answer with
	 * @param detail what went wrong, in words safe to show the client
	 */
	public GatewayRejection(HttpStatus status, String detail) {
		super(status, detail);
	}

}
