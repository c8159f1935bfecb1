package dev.nori.benchmarks;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.nori.launcher.ManagedProcess;
import dev.nori.launcher.NoriHome;
import dev.nori.launcher.ServiceSpec;
import dev.nori.testsupport.TestHttp;
import org.jspecify.annotations.Nullable;

/**
 * Starting the systems under test of the load benchmarks: the built service jars as
 * processes, optionally pinned to CPUs so that the load generator does not compete with
 * them.
 */
final class BenchProcesses {

	private BenchProcesses() {
	}

	static boolean canPin() {
		String path = System.getenv("PATH");
		return path != null && Arrays.stream(path.split(File.pathSeparator))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "taskset")));
	}

	static ManagedProcess start(String name, boolean pinned, String cpus, List<String> arguments,
			Map<String, String> environment, Path work) {
		List<String> command = new ArrayList<>();
		if (pinned) {
			command.addAll(List.of("taskset", "-c", cpus));
		}
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-Xms256m", "-Xmx512m"));
		command.addAll(arguments);
		return ManagedProcess.start(name, command, environment, work, work.resolve("run"),
				work.resolve("log").resolve(name + ".log"));
	}

	static Duration cpuTime(ManagedProcess process) {
		return ProcessHandle.of(process.pid())
			.flatMap((handle) -> handle.info().totalCpuDuration())
			.orElseThrow(() -> new IllegalStateException("No CPU time for " + process.name()));
	}

	static Path jar(NoriHome home, String name) {
		return ServiceSpec.ALL.stream()
			.filter((spec) -> spec.name().equals(name))
			.findFirst()
			.orElseThrow()
			.executableJar(home);
	}

	static void awaitOk(String url, @Nullable String authorization) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			try {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
				if (authorization != null) {
					request.header("Authorization", authorization);
				}
				if (TestHttp.send(request).statusCode() == 200) {
					return;
				}
			}
			catch (IllegalStateException ex) {
				// not listening yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("Nothing answered 200 at " + url + " within 3 minutes");
	}

}
