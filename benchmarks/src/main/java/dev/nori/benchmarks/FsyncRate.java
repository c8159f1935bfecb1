package dev.nori.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The disk's flush rate as PostgreSQL's {@code pg_test_fsync} measures it: one 8 kB write
 * and a sync by the method the server uses for its WAL, in a file beside the benchmark's
 * work (on these machines the same file system as the database).
 */
final class FsyncRate {

	private FsyncRate() {
	}

	/**
	 * Runs {@code pg_test_fsync} (found through {@code pg_config --bindir}, else on the
	 * path) for two seconds per test.
	 * @param work where its test file goes
	 * @param syncMethod the server's {@code wal_sync_method}
	 * @return operations per second, empty when the tool is missing or failed
	 */
	static OptionalDouble measure(Path work, String syncMethod) throws IOException, InterruptedException {
		Path output = Files.createTempFile(work, "pg_test_fsync", ".log");
		Path testFile = work.resolve("pg_test_fsync.out");
		try {
			Process process = new ProcessBuilder(tool(), "-s", "2", "-f", testFile.toString()).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(3, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				return OptionalDouble.empty();
			}
			return (process.exitValue() == 0) ? firstRate(Files.readAllLines(output), syncMethod)
					: OptionalDouble.empty();
		}
		catch (IOException ex) {
			System.out.println("pg_test_fsync could not run: " + ex.getMessage());
			return OptionalDouble.empty();
		}
		finally {
			Files.deleteIfExists(output);
			Files.deleteIfExists(testFile);
		}
	}

	// the first section is "one 8kB write"
	static OptionalDouble firstRate(List<String> lines, String syncMethod) {
		Pattern line = Pattern.compile("^\\s+" + Pattern.quote(syncMethod) + "\\s+([0-9.]+) ops/sec");
		for (String each : lines) {
			Matcher matcher = line.matcher(each);
			if (matcher.find()) {
				return OptionalDouble.of(Double.parseDouble(matcher.group(1)));
			}
		}
		return OptionalDouble.empty();
	}

	private static String tool() throws InterruptedException {
		try {
			Process config = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
			String bindir = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (config.waitFor() == 0 && Files.isExecutable(Path.of(bindir, "pg_test_fsync"))) {
				return Path.of(bindir, "pg_test_fsync").toString();
			}
		}
		catch (IOException ex) {
			// no pg_config: try the path
		}
		return "pg_test_fsync";
	}

}
