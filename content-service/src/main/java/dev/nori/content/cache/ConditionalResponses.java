package dev.nori.content.cache;

import java.util.concurrent.TimeUnit;

import dev.nori.content.config.ContentProperties;

import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Answers reads with an {@code ETag}, a {@code Cache-Control} and {@code 304 Not
 * Modified} when the client's {@code If-None-Match} still matches.
 */
@Component
public class ConditionalResponses {

	private final CacheControl publicControl;

	ConditionalResponses(ContentProperties properties) {
		this.publicControl = CacheControl.maxAge(properties.cache().maxAge().toSeconds(), TimeUnit.SECONDS)
			.cachePublic();
	}

	/**
	 * Answers a read everyone may see and shared caches may keep.
	 * @param body the body and its tag
	 * @param request the request, for {@code If-None-Match}
	 * @return 200 with the body, or 304
	 */
	public ResponseEntity<String> publicRead(CachedJson body, WebRequest request) {
		return respond(body, request, this.publicControl);
	}

	/**
	 * Answers a read only this caller may see: revalidated on every use, never kept by
	 * shared caches.
	 * @param body the body and its tag
	 * @param request the request, for {@code If-None-Match}
	 * @return 200 with the body, or 304
	 */
	public ResponseEntity<String> privateRead(CachedJson body, WebRequest request) {
		return respond(body, request, CacheControl.noCache().cachePrivate());
	}

	private static ResponseEntity<String> respond(CachedJson body, WebRequest request, CacheControl control) {
		if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), body.etag())) {
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(body.etag()).cacheControl(control).build();
		}
		return ResponseEntity.ok()
			.eTag(body.etag())
			.cacheControl(control)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body.json());
	}

	// If-None-Match uses the weak comparison (RFC 9110 13.1.2)
	private static boolean matches(@Nullable String ifNoneMatch, String etag) {
		if (ifNoneMatch == null) {
			return false;
		}
		for (String candidate : ifNoneMatch.split(",")) {
			String tag = candidate.strip();
			if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
				return true;
			}
		}
		return false;
	}

}
