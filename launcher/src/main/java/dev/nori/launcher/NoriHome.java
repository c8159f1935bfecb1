package dev.nori.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root of a Nori checkout: where the {@code nori} script, the modules' build output
 * and {@code var/} live.
 *
 * @param root the checkout's root folder
 */
public record NoriHome(Path root) {

	/**
	 * Finds the checkout from the {@code nori.home} system property, or by walking up
	 * from the working directory to the folder holding the {@code nori} script.
	 * @return the checkout
	 */
	public static NoriHome locate() {
		String configured = System.getProperty("nori.home");
		if (configured != null && !configured.isBlank()) {
			return new NoriHome(Path.of(configured).toAbsolutePath().normalize());
		}
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("nori")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
				return new NoriHome(dir);
			}
		}
		throw new IllegalStateException("Cannot find the Nori checkout above " + Path.of("").toAbsolutePath()
				+ ": run from inside it or set -Dnori.home");
	}

	/**
	 * Returns the runtime data folder.
	 * @return {@code var/} under the root
	 */
	public Path var() {
		return this.root.resolve("var");
	}

	/**
	 * Returns the Kafka broker's class path folder, filled by the {@code kafka-broker}
	 * module's build.
	 * @return {@code kafka-broker/target/lib}
	 */
	public Path kafkaLibraries() {
		return this.root.resolve("kafka-broker/target/lib");
	}

}
