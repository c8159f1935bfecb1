package dev.nori.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The table the system tests end with: each journey and fault, whether it passed, and the
 * counts it recorded (events committed and consumed, jobs done and repeated, mails
 * expected and received, …). Registered with the JUnit Platform as a listener; tests add
 * counts with {@link #count(String, long)}.
 */
public final class SystemReport implements TestExecutionListener {

	private static final Map<String, Map<String, Long>> COUNTS = new ConcurrentHashMap<>();

	private static volatile String current = "";

	private final Map<String, String> results = new LinkedHashMap<>();

	/**
	 * Records a count for the running test.
	 * @param what what was counted
	 * @param value the count
	 */
	public static void count(String what, long value) {
		COUNTS.computeIfAbsent(current, (test) -> Collections.synchronizedMap(new LinkedHashMap<>())).put(what, value);
	}

	@Override
	public void executionStarted(TestIdentifier test) {
		systemTest(test).ifPresent((name) -> current = name);
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		systemTest(test)
			.ifPresent((name) -> this.results.put(name, (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL)
					? "passed" : result.getStatus().name().toLowerCase(Locale.ROOT)));
	}

	@Override
	public void executionSkipped(TestIdentifier test, String reason) {
		systemTest(test).ifPresent((name) -> this.results.put(name, "skipped: " + reason));
	}

	@Override
	public void testPlanExecutionFinished(TestPlan plan) {
		if (this.results.isEmpty()) {
			return;
		}
		List<String[]> rows = new ArrayList<>();
		this.results.forEach((name, result) -> {
			Map<String, Long> counts = COUNTS.getOrDefault(name, Map.of());
			List<String> parts = new ArrayList<>();
			counts.forEach((what, value) -> parts.add(what + " " + value));
			rows.add(new String[] { name, result, String.join(", ", parts) });
		});
		int nameWidth = rows.stream().mapToInt((row) -> row[0].length()).max().orElse(10);
		int resultWidth = rows.stream().mapToInt((row) -> Math.min(row[1].length(), 40)).max().orElse(6);
		StringBuilder table = new StringBuilder("\nSystem tests: journeys and faults\n");
		String format = "%-" + nameWidth + "s | %-" + resultWidth + "s | %s%n";
		table.append(String.format(format, "test", "result", "counts"));
		table.append("-".repeat(nameWidth + resultWidth + 20)).append('\n');
		for (String[] row : rows) {
			table.append(String.format(format, row[0], row[1], row[2]));
		}
		System.out.println(table);
	}

	// a test method of the system tests (not the deploy checks)
	private static Optional<String> systemTest(TestIdentifier test) {
		if (test.getSource().orElse(null) instanceof MethodSource method
				&& method.getClassName().startsWith(SystemReport.class.getPackageName() + ".")) {
			String simpleClass = method.getClassName().substring(method.getClassName().lastIndexOf('.') + 1);
			return Optional.of(simpleClass + "." + method.getMethodName());
		}
		return Optional.empty();
	}

}
