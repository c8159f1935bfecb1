package dev.nori.benchmarks;

/**
 * How a benchmark's {@code main} ends: a failure prints its trace and exits with 1, so
 * that {@code ./nori bench} reports it.
 */
final class BenchmarkRun {

	private BenchmarkRun() {
	}

	static void exitOnFailure(Body body) {
		try {
			body.run();
		}
		catch (Exception ex) {
			ex.printStackTrace();
			System.exit(1);
		}
	}

	interface Body {

		void run() throws Exception;

	}

}
