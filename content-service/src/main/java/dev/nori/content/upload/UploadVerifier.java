package dev.nori.content.upload;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.nori.content.config.ContentProperties;
import dev.nori.content.storage.ObjectStorage;
import dev.nori.servicedefaults.core.problem.FieldViolation;
import dev.nori.servicedefaults.problem.InvalidFieldsException;
import org.apache.tika.Tika;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Decides whether a quarantined file may be kept, trusting nothing the client said: the
 * extension must be accepted, the declared type must be the extension's, the type
 * detected from the bytes must be that same type, images must not carry markup (an
 * image/HTML polyglot) and must have sane dimensions, read from the header before the
 * image is decoded in full.
 */
@Component
class UploadVerifier {

	private static final int MARKUP_WINDOW = 16 * 1024;

	private static final List<String> MARKUP = List.of("<script", "<html", "<svg", "<?php", "<iframe", "<!doctype",
			"<body", "<object", "<embed", "javascript:");

	private final Tika tika = new Tika();

	private final Map<String, String> types;

	private final int maxDimension;

	private final long maxPixels;

	UploadVerifier(ContentProperties properties) {
		this.types = properties.uploads().types();
		this.maxDimension = properties.uploads().maxDimension();
		this.maxPixels = properties.uploads().maxPixels();
	}

	/** Checks what can be checked before any byte is read: the name and declared type. */
	String expectedType(FileName name, @Nullable String declared) {
		String expected = this.types.get(name.extension());
		if (expected == null) {
			throw new InvalidFieldsException(List
				.of(new FieldViolation("file", "must be one of the types " + new TreeSet<>(this.types.keySet()))));
		}
		String declaredType = normalize(declared);
		if (!expected.equals(declaredType)) {
			throw UploadRejectedException.unsupportedType("A ." + name.extension() + " file must be sent as " + expected
					+ ", not " + ((declaredType != null) ? declaredType : "no type") + ".");
		}
		return expected;
	}

	/** Checks the quarantined bytes against the expected type. */
	Verified verify(ObjectStorage storage, String key, String expected) throws IOException {
		String detected;
		try (InputStream in = new BufferedInputStream(storage.open(key))) {
			detected = normalize(this.tika.detect(in));
		}
		if (!expected.equals(detected)) {
			throw UploadRejectedException
				.unsupportedType("The file's content is " + detected + ", not the " + expected + " it claims to be.");
		}
		if (!expected.startsWith("image/")) {
			return new Verified(expected, null, null);
		}
		try (InputStream in = storage.open(key)) {
			String head = new String(in.readNBytes(MARKUP_WINDOW), StandardCharsets.ISO_8859_1)
				.toLowerCase(Locale.ROOT);
			for (String marker : MARKUP) {
				if (head.contains(marker)) {
					throw UploadRejectedException
						.unsupportedType("The image holds markup (" + marker + "): it may be read as a web page.");
				}
			}
		}
		return checkImage(storage, key, expected);
	}

	private Verified checkImage(ObjectStorage storage, String key, String type) throws IOException {
		try (InputStream in = storage.open(key); ImageInputStream images = ImageIO.createImageInputStream(in)) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
			if (images == null || !readers.hasNext()) {
				throw new IllegalStateException("No image reader for " + type);
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(images, true, true);
				int width;
				int height;
				try {
					width = reader.getWidth(0);
					height = reader.getHeight(0);
				}
				catch (IOException | RuntimeException ex) {
					throw UploadRejectedException.invalidContent("The image header cannot be read.");
				}
				if (width <= 0 || height <= 0 || width > this.maxDimension || height > this.maxDimension
						|| (long) width * height > this.maxPixels) {
					throw UploadRejectedException
						.invalidContent("The image is " + width + " × " + height + " pixels; at most "
								+ this.maxDimension + " per side and " + this.maxPixels + " in all are accepted.");
				}
				try {
					reader.read(0);
				}
				catch (IOException | RuntimeException ex) {
					throw UploadRejectedException.invalidContent("The image cannot be decoded.");
				}
				return new Verified(type, width, height);
			}
			finally {
				reader.dispose();
			}
		}
	}

	private static @Nullable String normalize(@Nullable String type) {
		if (type == null || type.isBlank()) {
			return null;
		}
		int semicolon = type.indexOf(';');
		return ((semicolon >= 0) ? type.substring(0, semicolon) : type).strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * What verification established.
	 *
	 * @param contentType the verified media type
	 * @param width an image's width
	 * @param height an image's height
	 */
	record Verified(String contentType, @Nullable Integer width, @Nullable Integer height) {
	}

}
