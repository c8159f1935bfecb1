package dev.nori.content.upload;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A client's file name, kept only to name downloads: never a storage key, never a type.
 * Names that try to be paths, hide bytes ({@code a.php%00.jpg}) or carry control
 * characters are refused rather than repaired.
 *
 * @param value the name as sent
 * @param extension its extension, lower case
 */
record FileName(String value, String extension) {

	private static final int MAX_LENGTH = 200;

	private static final Pattern ENCODED_BYTE = Pattern.compile("%[0-9A-Fa-f]{2}");

	static FileName of(@Nullable String original) {
		if (original == null || original.isBlank()) {
			throw invalid("The file needs a name.");
		}
		String name = original.strip();
		if (name.length() > MAX_LENGTH) {
			throw invalid("The file name must be at most " + MAX_LENGTH + " characters.");
		}
		if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.startsWith(".")) {
			throw invalid("The file name must be a plain name, not a path.");
		}
		if (name.chars().anyMatch((c) -> c < 0x20 || c == 0x7f) || ENCODED_BYTE.matcher(name).find()) {
			throw invalid("The file name must not hold control characters or encoded bytes.");
		}
		int dot = name.lastIndexOf('.');
		if (dot <= 0 || dot == name.length() - 1) {
			throw invalid("The file name needs an extension, such as .png.");
		}
		return new FileName(name, name.substring(dot + 1).toLowerCase(Locale.ROOT));
	}

	/** The {@code Content-Disposition} a download is served with. */
	String disposition(boolean inline) {
		StringBuilder ascii = new StringBuilder();
		for (char c : this.value.toCharArray()) {
			ascii.append((c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != ';') ? c : '_');
		}
		return (inline ? "inline" : "attachment") + "; filename=\"" + ascii + "\"; filename*=UTF-8''"
				+ encode(this.value);
	}

	private static String encode(String value) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%').append(String.format("%02X", c));
			}
		}
		return encoded.toString();
	}

	private static UploadRejectedException invalid(String detail) {
		return UploadRejectedException.invalidContent(detail);
	}

}
