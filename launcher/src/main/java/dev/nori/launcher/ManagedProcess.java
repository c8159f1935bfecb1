package dev.nori.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A child process the launcher started: output appended to a log file, its pid recorded
 * in a pid file so that another launcher invocation ({@code ./nori down}) can stop it.
 *
 * @param name the process's name, as users see it
 * @param pid the process id
 * @param pidFile where the pid is recorded
 * @param logFile where its output goes
 */
public record ManagedProcess(String name, long pid, Path pidFile, Path logFile) {

	/**
	 * Starts a process.
	 * @param name its name
	 * @param command the command line
	 * @param environment variables added to the launcher's own
	 * @param workingDirectory the working directory
	 * @param runDirectory where pid files go
	 * @param logFile where output goes (appended)
	 * @return the started process
	 */
	public static ManagedProcess start(String name, List<String> command, Map<String, String> environment,
			Path workingDirectory, Path runDirectory, Path logFile) {
		try {
			Files.createDirectories(runDirectory);
			Files.createDirectories(logFile.getParent());
			ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
				.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
			builder.environment().putAll(environment);
			Process process = builder.start();
			Path pidFile = runDirectory.resolve(name + ".pid");
			Files.writeString(pidFile, Long.toString(process.pid()));
			return new ManagedProcess(name, process.pid(), pidFile, logFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/**
	 * Reads a process recorded by an earlier launcher invocation.
	 * @param name its name
	 * @param runDirectory where pid files are
	 * @param logFile where its output goes
	 * @return the process, if a pid file exists
	 */
	public static Optional<ManagedProcess> recorded(String name, Path runDirectory, Path logFile) {
		Path pidFile = runDirectory.resolve(name + ".pid");
		try {
			if (!Files.isRegularFile(pidFile)) {
				return Optional.empty();
			}
			long pid = Long.parseLong(Files.readString(pidFile).strip());
			return Optional.of(new ManagedProcess(name, pid, pidFile, logFile));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Tells whether the process still runs.
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		return ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/**
	 * Stops the process: SIGTERM, then SIGKILL after the grace period; removes the pid
	 * file.
	 * @param grace how long it may take to shut down
	 * @return whether it had to be killed
	 */
	public boolean stop(Duration grace) {
		boolean killed = false;
		Optional<ProcessHandle> handle = ProcessHandle.of(this.pid);
		if (handle.isPresent() && handle.get().isAlive()) {
			handle.get().destroy();
			try {
				handle.get().onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (Exception ex) {
				handle.get().destroyForcibly();
				killed = true;
				handle.get().onExit().join();
			}
		}
		deletePidFile();
		return killed;
	}

	/**
	 * Kills the process at once (SIGKILL), as a crash would.
	 */
	public void kill() {
		ProcessHandle.of(this.pid).ifPresent((handle) -> {
			handle.destroyForcibly();
			handle.onExit().join();
		});
		deletePidFile();
	}

	private void deletePidFile() {
		try {
			Files.deleteIfExists(this.pidFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
	}

}
