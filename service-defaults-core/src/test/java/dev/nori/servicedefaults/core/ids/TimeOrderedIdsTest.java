package dev.nori.servicedefaults.core.ids;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeOrderedIdsTest {

	private static final Instant NOW = Instant.parse("2026-11-27T21:00:00.123Z");

	@Test
	void anIdIsVersionSevenWithItsMillisecondFirst() {
		UUID id = new TimeOrderedIds(Clock.fixed(NOW, ZoneOffset.UTC)).next();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
		assertThat(id.toString()).startsWith("01a21ece-d0fb-7000-").matches(".*-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
	}

	// PostgreSQL orders uuids by their bytes, as their text sorts
	@Test
	void idsSortInTheOrderTheyWereMadeWithinOneMillisecondAndBeyondItsCounter() {
		TimeOrderedIds ids = new TimeOrderedIds(Clock.fixed(NOW, ZoneOffset.UTC));
		List<String> made = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			made.add(ids.next().toString());
		}
		assertThat(made).isSorted().doesNotHaveDuplicates();
		// 4,096 per millisecond: the later ones borrowed the next milliseconds
		assertThat(new HashSet<>(made.stream().map((id) -> id.substring(0, 13)).toList())).hasSize(3);
	}

	@Test
	void aClockThatStepsBackDoesNotMakeAnEarlierId() {
		AtomicLong millis = new AtomicLong(NOW.toEpochMilli());
		TimeOrderedIds ids = new TimeOrderedIds(millis::get);
		UUID first = ids.next();
		millis.addAndGet(-60_000);
		UUID afterStepBack = ids.next();
		millis.addAndGet(120_000);
		UUID afterStepForward = ids.next();
		assertThat(List.of(first.toString(), afterStepBack.toString(), afterStepForward.toString())).isSorted()
			.doesNotHaveDuplicates();
		assertThat(afterStepBack.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
		assertThat(afterStepForward.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli() + 60_000);
	}

	@Test
	void theRandomPartDiffersBetweenGenerators() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		UUID a = new TimeOrderedIds(clock).next();
		UUID b = new TimeOrderedIds(clock).next();
		assertThat(a.getMostSignificantBits()).isEqualTo(b.getMostSignificantBits());
		assertThat(a.getLeastSignificantBits()).isNotEqualTo(b.getLeastSignificantBits());
	}

}
