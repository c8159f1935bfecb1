package dev.nori.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time spent by the whole machine, by one process and by PostgreSQL's processes since
 * a starting point: on a machine where the database, the broker and the system under test
 * share two cores, throughput alone does not say which of them a change made cheaper.
 * Linux only ({@code /proc}); elsewhere the machine's share reads zero.
 *
 * @param machineNanos busy time of all CPUs ({@code /proc/stat}: user, nice, system, irq,
 * softirq, steal)
 * @param processNanos the process's own CPU time
 * @param postgres the CPU time of each process named {@code postgres}, by process id (one
 * that ended before the end point is not counted)
 */
record CpuUse(long machineNanos, long processNanos, Map<Long, Long> postgres) {

	private static final Path STAT = Path.of("/proc/stat");

	// /proc/stat counts in USER_HZ, which is 100 on every Linux architecture we run on
	private static final long NANOS_PER_TICK = 10_000_000L;

	static CpuUse now(ProcessHandle process) {
		return new CpuUse(machineBusy(), cpu(process), postgresNow());
	}

	CpuUse since(CpuUse start) {
		Map<Long, Long> postgres = new HashMap<>();
		this.postgres.forEach((pid, nanos) -> postgres.put(pid, nanos - start.postgres.getOrDefault(pid, 0L)));
		return new CpuUse(this.machineNanos - start.machineNanos, this.processNanos - start.processNanos, postgres);
	}

	long postgresNanos() {
		return this.postgres.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Microseconds per unit of work, for a report line.
	 * @param units how much work was done
	 * @param process what to call the process
	 * @return e.g. "CPU per job: machine 210 µs, job-service 90 µs, PostgreSQL 100 µs"
	 */
	String per(long units, String process) {
		return String.format(Locale.ROOT, "machine %,d µs, %s %,d µs, PostgreSQL %,d µs",
				this.machineNanos / 1000 / units, process, this.processNanos / 1000 / units,
				postgresNanos() / 1000 / units);
	}

	private static long cpu(ProcessHandle process) {
		return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private static Map<Long, Long> postgresNow() {
		Map<Long, Long> cpu = new HashMap<>();
		ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/postgres")).orElse(false))
			.forEach((process) -> cpu.put(process.pid(), cpu(process)));
		return cpu;
	}

	private static long machineBusy() {
		if (!Files.isReadable(STAT)) {
			return 0;
		}
		try {
			String[] fields = Files.readAllLines(STAT).get(0).trim().split("\\s+");
			long ticks = 0;
			for (int field : new int[] { 1, 2, 3, 6, 7, 8 }) {
				ticks += Long.parseLong(fields[field]);
			}
			return ticks * NANOS_PER_TICK;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
