package dev.nori.content.paging;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.nori.content.config.ContentProperties;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import dev.nori.servicedefaults.problem.ProblemException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Checks page requests against the limits and makes and reads feed cursors. A cursor is
 * opaque to clients: the position, bound to the feed it came from, signed with
 * HMAC-SHA256. Anything that does not verify is a 400, never a wrong slice.
 */
@Component
public class Paging {

	private static final Logger log = LoggerFactory.getLogger(Paging.class);

	private static final String VERSION = "1";

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private final ContentProperties.Pagination properties;

	private final SecretKeySpec key;

	Paging(ContentProperties properties) {
		this.properties = properties.pagination();
		byte[] secret;
		if (this.properties.cursorSecret().isBlank()) {
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
			log.warn("nori.content.pagination.cursor-secret is not set: feed cursors are signed with a random key "
					+ "of this process and stop working across instances and restarts");
		}
		else {
			secret = this.properties.cursorSecret().getBytes(StandardCharsets.UTF_8);
		}
		this.key = new SecretKeySpec(secret, "HmacSHA256");
	}

	/**
	 * Checks a page request.
	 * @param page the page number from the request, from 1
	 * @param size the page size from the request
	 * @return the page to read
	 * @throws InvalidFieldsException listing every parameter out of range
	 */
	public PageQuery page(@Nullable Integer page, @Nullable Integer size) {
		List<FieldViolation> violations = new ArrayList<>();
		if (page != null && page < 1) {
			violations.add(new FieldViolation("page", "must be 1 or more"));
		}
		int checkedSize = checkSize(size, violations);
		if (!violations.isEmpty()) {
			throw new InvalidFieldsException(violations);
		}
		return new PageQuery((page != null) ? page : 1, checkedSize);
	}

	/**
	 * Checks a feed slice size.
	 * @param size the size from the request
	 * @return the size to read
	 * @throws InvalidFieldsException when it is out of range
	 */
	public int feedSize(@Nullable Integer size) {
		List<FieldViolation> violations = new ArrayList<>();
		int checked = checkSize(size, violations);
		if (!violations.isEmpty()) {
			throw new InvalidFieldsException(violations);
		}
		return checked;
	}

	private int checkSize(@Nullable Integer size, List<FieldViolation> violations) {
		if (size == null) {
			return this.properties.defaultSize();
		}
		if (size < 1 || size > this.properties.maxSize()) {
			violations.add(new FieldViolation("size", "must be between 1 and " + this.properties.maxSize()));
		}
		return size;
	}

	/**
	 * Makes the cursor that continues a feed after a position.
	 * @param feed names the feed and its filters; a cursor only works for the same feed
	 * @param position the last item returned
	 * @return the opaque cursor
	 */
	public String cursor(String feed, FeedPosition position) {
		String payload = VERSION + "|" + position.at().getEpochSecond() + "|" + position.at().getNano() + "|"
				+ position.id();
		return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
				+ ENCODER.encodeToString(sign(feed, payload));
	}

	/**
	 * Reads a cursor.
	 * @param feed the feed being read, as given to {@link #cursor}
	 * @param cursor the cursor from the request, or {@code null} for the first slice
	 * @return the position to continue after, empty for the first slice
	 * @throws ProblemException (400) when the cursor was altered, made for another feed,
	 * or is not a cursor at all
	 */
	public Optional<FeedPosition> position(String feed, @Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return Optional.empty();
		}
		try {
			int dot = cursor.indexOf('.');
			if (dot < 0 || cursor.length() > 512) {
				throw invalid();
			}
			String payload = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
			byte[] signature = DECODER.decode(cursor.substring(dot + 1));
			if (!MessageDigest.isEqual(signature, sign(feed, payload))) {
				throw invalid();
			}
			String[] parts = payload.split("\\|");
			if (parts.length != 4 || !VERSION.equals(parts[0])) {
				throw invalid();
			}
			return Optional
				.of(new FeedPosition(Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2])),
						UUID.fromString(parts[3])));
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
	}

	private byte[] sign(String feed, String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(feed.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	private static ProblemException invalid() {
		return ProblemException.badRequest("The cursor is not valid for this feed. Start again without a cursor.");
	}

}
