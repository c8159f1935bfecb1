package dev.nori.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The command line behind {@code ./nori}: {@code up}, {@code down}, {@code status},
 * {@code logs <service>}, {@code seed} and {@code worker}.
 */
public final class Main {

	private Main() {
	}

	/**
	 * Runs one command.
	 * @param args the command and its arguments
	 */
	public static void main(String[] args) {
		NoriHome home = NoriHome.locate();
		StackSettings settings = StackSettings.local(home);
		String command = (args.length > 0) ? args[0] : "help";
		try {
			switch (command) {
				case "up" -> up(settings, args.length > 1 && (args[1].equals("-d") || args[1].equals("--detach")));
				case "down" -> System.out
					.println((Stack.stopRecorded(settings, System.out) == 0) ? "nothing was running" : "stack stopped");
				case "status" -> Stack.status(settings).forEach(System.out::println);
				case "logs" -> logs(settings, (args.length > 1) ? args[1] : null);
				case "seed" -> seed(settings);
				case "worker" -> worker(settings);
				default -> {
					System.err.println("usage: nori up [-d] | down | status | logs <service> | seed | worker | test");
					System.exit(2);
				}
			}
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			System.err.println("nori: " + ex.getMessage());
			System.exit(1);
		}
	}

	// one more job worker next to a running stack, until Ctrl-C
	private static void worker(StackSettings settings) {
		Stack stack = new Stack(settings, System.out);
		ManagedProcess worker = stack.startWorker("job-worker-" + ProcessHandle.current().pid());
		Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.stop(Duration.ofSeconds(30))));
		System.out.println("job worker started (pid " + worker.pid() + ", log " + worker.logFile()
				+ "); Ctrl-C stops it, letting its running jobs finish");
		ProcessHandle.of(worker.pid()).ifPresent((process) -> process.onExit().join());
	}

	private static void seed(StackSettings settings) {
		String gateway = "http://127.0.0.1:" + settings.gatewayPort();
		System.out.println("loading the demo content through " + gateway + " …");
		long started = System.nanoTime();
		DemoSeed.Result result = new DemoSeed(gateway, BootstrapAdmin.of(settings), System.out).run();
		System.out.printf(Locale.ROOT,
				"created %d categories, %d articles, %d posts, %d uploads (%d requests, %.1f s); "
						+ "demo users *@demo.nori.localhost, password %s%n",
				result.categories(), result.articles(), result.posts(), result.uploads(), result.requests(),
				(System.nanoTime() - started) / 1e9, DemoSeed.DEMO_PASSWORD);
	}

	private static void up(StackSettings settings, boolean detach) {
		Stack stack = new Stack(settings, System.out);
		Thread stopOnExit = new Thread(() -> {
			System.out.println("\nstopping the stack");
			stack.stop();
		});
		Runtime.getRuntime().addShutdownHook(stopOnExit);
		Duration took = stack.start();
		System.out.println();
		System.out.println("Nori is up in " + String.format(Locale.ROOT, "%.1f", took.toMillis() / 1000.0) + " s");
		for (ServiceSpec service : ServiceSpec.ALL) {
			System.out.printf(Locale.ROOT,
					"  %-21s http://127.0.0.1:%d%s   (health: http://127.0.0.1:%d/actuator/health)%n", service.name(),
					settings.port(service), service.isGateway() ? "" : "/api/" + service.routeKey(),
					settings.managementPort(service));
		}
		System.out.println("  kafka                 " + stack.kafka().bootstrapServers());
		BootstrapAdmin admin = BootstrapAdmin.of(settings);
		System.out.println("  first admin           " + admin.email() + " / " + admin.password()
				+ "   (POST /api/auth/login; set NORI_BOOTSTRAP_ADMIN_EMAIL and _PASSWORD to choose)");
		if (detach) {
			Runtime.getRuntime().removeShutdownHook(stopOnExit);
			System.out.println("Logs in " + settings.varDirectory().resolve("log") + ". ./nori down stops everything.");
			return;
		}
		System.out
			.println("Logs in " + settings.varDirectory().resolve("log") + ". Ctrl-C or ./nori down stops everything.");
		// ./nori down from another terminal removes the pid files: then there is nothing
		// left to watch
		Path gatewayPid = settings.varDirectory().resolve("run").resolve(ServiceSpec.ALL.get(0).name() + ".pid");
		while (Files.exists(gatewayPid)) {
			try {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void logs(StackSettings settings, String service) {
		if (service == null) {
			throw new IllegalArgumentException("usage: nori logs <service>, one of "
					+ ServiceSpec.ALL.stream().map(ServiceSpec::name).toList() + " or kafka");
		}
		Path file = settings.varDirectory().resolve("log").resolve(service + ".log");
		if (!Files.isRegularFile(file)) {
			throw new IllegalArgumentException("No log for '" + service + "' at " + file);
		}
		try {
			Files.lines(file).forEach(System.out::println);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file, ex);
		}
	}

}
