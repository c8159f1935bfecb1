package dev.nori.content.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LocalStorageTest {

	@TempDir
	Path root;

	@Test
	void aWriteCutOffHalfwayLeavesNothing() throws IOException {
		LocalStorage storage = new LocalStorage(this.root.resolve("store"));
		InputStream failing = new InputStream() {
			private int left = 10_000;

			@Override
			public int read() throws IOException {
				if (this.left-- <= 0) {
					throw new IOException("connection reset");
				}
				return 'x';
			}
		};
		assertThatIOException().isThrownBy(() -> storage.put("files/u/one", failing, "text/plain"));
		assertThat(storage.exists("files/u/one")).isFalse();
		try (Stream<Path> files = Files.walk(this.root)) {
			assertThat(files.filter(Files::isRegularFile)).isEmpty();
		}
	}

	@Test
	void keysNeverLeaveTheRoot() throws IOException {
		LocalStorage storage = new LocalStorage(this.root.resolve("store"));
		for (String key : new String[] { "../x", "files/../../x", "/etc/passwd", "files\\..\\x", ".partial/x/../y" }) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[] { 1 }), "text/plain"));
		}
		assertThat(Files.exists(this.root.resolve("x"))).isFalse();
	}

	@Test
	void movesAndDeletes() throws IOException {
		LocalStorage storage = new LocalStorage(this.root.resolve("store"));
		storage.put("quarantine/u/a", new ByteArrayInputStream(new byte[] { 1, 2, 3 }), "application/octet-stream");
		storage.move("quarantine/u/a", "files/u/a");
		assertThat(storage.exists("quarantine/u/a")).isFalse();
		try (InputStream in = storage.open("files/u/a")) {
			assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
		}
		storage.delete("files/u/a");
		storage.delete("files/u/a");
		assertThat(storage.exists("files/u/a")).isFalse();
	}

}
