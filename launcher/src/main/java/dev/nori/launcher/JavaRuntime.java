package dev.nori.launcher;

/**
 * The Java runtime child processes run on: the one running the launcher, so that
 * {@code ./nori}'s JDK choice holds for every process.
 */
final class JavaRuntime {

	private JavaRuntime() {
	}

	static String executable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
