package dev.nori.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

/**
 * The first administrator of a local stack: auth-service creates it at its first start.
 * Unless the environment names one ({@code NORI_BOOTSTRAP_ADMIN_EMAIL},
 * {@code NORI_BOOTSTRAP_ADMIN_PASSWORD}), the launcher makes a random password once and
 * keeps it under the var directory, so every later start prints the same credentials.
 *
 * @param email the admin's address
 * @param password the admin's password
 */
public record BootstrapAdmin(String email, String password) {

	static final String DEFAULT_EMAIL = "admin@nori.localhost";

	private static final String WORDS = "abcdefghijkmnopqrstuvwxyz23456789";

	/**
	 * Returns the admin of a stack, creating the local credentials on first use.
	 * @param settings the stack's settings
	 * @return the credentials
	 */
	public static BootstrapAdmin of(StackSettings settings) {
		Map<String, String> extra = settings.extraEnvironment();
		String email = extra.getOrDefault("NORI_BOOTSTRAP_ADMIN_EMAIL", System.getenv("NORI_BOOTSTRAP_ADMIN_EMAIL"));
		String password = extra.getOrDefault("NORI_BOOTSTRAP_ADMIN_PASSWORD",
				System.getenv("NORI_BOOTSTRAP_ADMIN_PASSWORD"));
		if (email != null && password != null) {
			return new BootstrapAdmin(email, password);
		}
		Path file = settings.varDirectory().resolve("bootstrap-admin");
		try {
			if (Files.exists(file)) {
				List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
				return new BootstrapAdmin(lines.get(0).strip(), lines.get(1).strip());
			}
			BootstrapAdmin admin = new BootstrapAdmin(DEFAULT_EMAIL, randomPassword());
			Files.createDirectories(file.getParent());
			Files.writeString(file, admin.email() + "\n" + admin.password() + "\n", StandardCharsets.UTF_8);
			return admin;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the local admin's credentials in " + file, ex);
		}
	}

	Map<String, String> environment() {
		return Map.of("NORI_BOOTSTRAP_ADMIN_EMAIL", this.email, "NORI_BOOTSTRAP_ADMIN_PASSWORD", this.password);
	}

	// four groups of five: about 100 bits, and easy to type
	private static String randomPassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int group = 0; group < 4; group++) {
			if (group > 0) {
				password.append('-');
			}
			for (int i = 0; i < 5; i++) {
				password.append(WORDS.charAt(random.nextInt(WORDS.length())));
			}
		}
		return password.toString();
	}

}
