package dev.nori.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Whether timing tells who has an account: against a running auth-service
 * ({@code ./nori up -d} first; {@code -Dauth=http://…} to point elsewhere), it times
 * logins with a wrong password for existing and for unknown addresses, and registrations
 * of taken and of new addresses, interleaved in random order, and prints the medians and
 * their differences. Each request comes from its own client address (the service trusts
 * {@code X-Forwarded-For} from loopback), so lockout does not interfere.
 */
public final class EnumerationTimingBenchmark {

	private static final String PASSWORD = "copper kettle whistles at dawn 7";

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private int address;

	private EnumerationTimingBenchmark(String base) {
		this.base = base;
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.getInteger("rounds", 60);
		new EnumerationTimingBenchmark(System.getProperty("auth", "http://127.0.0.1:8081")).run(rounds);
	}

	private void run(int rounds) throws Exception {
		List<String> known = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			String email = "timing-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
			expect(201, register(email));
			known.add(email);
		}
		for (int i = 0; i < 30; i++) {
			login("warm-up-" + i + "@example.org");
		}
		List<Double> loginKnown = new ArrayList<>();
		List<Double> loginUnknown = new ArrayList<>();
		List<Double> registerTaken = new ArrayList<>();
		List<Double> registerNew = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			// each existing account fails once: a second failure would count
			// towards its lockout
			int round = i;
			String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
			String fresh = "fresh-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
			if (Math.random() < 0.5) {
				loginKnown.add(timed(401, () -> login(known.get(round))));
				loginUnknown.add(timed(401, () -> login(unknown)));
			}
			else {
				loginUnknown.add(timed(401, () -> login(unknown)));
				loginKnown.add(timed(401, () -> login(known.get(round))));
			}
			String taken = known.get(Math.floorMod(i, known.size()));
			if (Math.random() < 0.5) {
				registerTaken.add(timed(201, () -> register(taken)));
				registerNew.add(timed(201, () -> register(fresh)));
			}
			else {
				registerNew.add(timed(201, () -> register(fresh)));
				registerTaken.add(timed(201, () -> register(taken)));
			}
		}
		System.out.printf(Locale.ROOT, "%d rounds against %s%n", rounds, this.base);
		report("login, wrong password, existing account", loginKnown, "login, unknown address", loginUnknown);
		report("register, taken address", registerTaken, "register, new address", registerNew);
	}

	private static void report(String firstName, List<Double> first, String secondName, List<Double> second) {
		double a = median(first);
		double b = median(second);
		System.out.printf(Locale.ROOT, "  %-40s median %6.1f ms  p90 %6.1f ms%n", firstName, a, percentile(first, 0.9));
		System.out.printf(Locale.ROOT, "  %-40s median %6.1f ms  p90 %6.1f ms%n", secondName, b,
				percentile(second, 0.9));
		System.out.printf(Locale.ROOT, "  %-40s %+6.1f ms (%.3fx)%n", "difference of the medians", a - b, a / b);
	}

	private HttpResponse<String> login(String email) throws Exception {
		return post("/api/auth/login",
				"{\"email\":\"" + email + "\",\"password\":\"a wrong password for " + email + "\"}");
	}

	private HttpResponse<String> register(String email) throws Exception {
		return post("/api/auth/register",
				"{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Timing\"}");
	}

	private HttpResponse<String> post(String path, String json) throws Exception {
		this.address++;
		String client = "10.77." + ((this.address / 250) % 250) + "." + (this.address % 250 + 1);
		return this.client.send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", client)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static double timed(int status, Call call) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = call.run();
		double millis = (System.nanoTime() - start) / 1e6;
		expect(status, response);
		return millis;
	}

	private static void expect(int status, HttpResponse<String> response) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(
					"Expected " + status + " but got " + response.statusCode() + ": " + response.body());
		}
	}

	private static double median(List<Double> values) {
		return percentile(values, 0.5);
	}

	private static double percentile(List<Double> values, double quantile) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(quantile * sorted.size())));
	}

	@FunctionalInterface
	private interface Call {

		HttpResponse<String> run() throws Exception;

	}

}
