package dev.nori.content.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import dev.nori.content.ContentServiceIT;
import dev.nori.content.trash.TrashPurge;
import dev.nori.testsupport.TestHttp;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads through the local driver (limit 64 KB, quota 256 KB in the tests). */
class UploadIT extends ContentServiceIT {

	@Autowired
	private TrashPurge purge;

	@Test
	void anImageIsVerifiedStoredAndServedSafely() throws IOException {
		String owner = newUser();
		String token = token(owner, AUTHOR);
		byte[] png = png(32, 24);
		JsonNode upload = expect(upload(token, "photo.png", "image/png", png, null), 201);
		assertThat(upload.get("width").asInt()).isEqualTo(32);
		assertThat(upload.get("height").asInt()).isEqualTo(24);
		assertThat(upload.get("contentType").asString()).isEqualTo("image/png");
		assertThat(upload.has("storageKey")).isFalse();

		HttpResponse<byte[]> content = download(upload, token);
		assertThat(content.statusCode()).isEqualTo(200);
		assertThat(content.body()).isEqualTo(png);
		assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(content.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox")
			.contains("default-src 'none'");
		assertThat(content.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline;")
			.contains("filename=\"photo.png\"");
		// not attached to a published article: nobody else reads it
		assertThat(download(upload, null).statusCode()).isEqualTo(404);
		assertThat(download(upload, token(newUser(), AUTHOR)).statusCode()).isEqualTo(404);
		assertThat(usage(owner)).isEqualTo(png.length);
	}

	@Test
	void filesOfAPublishedArticleArePublicAndNotInlineUnlessImages() throws IOException {
		String editor = token(newUser(), EDITOR);
		JsonNode article = published(Map.of());
		String articleId = article.get("id").asString();
		JsonNode text = expect(upload(editor, "notes.txt", "text/plain", "plain notes".getBytes(), articleId), 201);
		HttpResponse<byte[]> content = download(text, null);
		assertThat(content.statusCode()).isEqualTo(200);
		assertThat(content.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
		JsonNode listed = expect(get("/api/content/uploads?article=" + articleId, null), 200);
		assertThat(listed.valueStream().map((item) -> item.get("id").asString()))
			.containsExactly(text.get("id").asString());
		// attaching needs the right to change the article
		problem(upload(token(newUser(), AUTHOR), "x.txt", "text/plain", "x".getBytes(), articleId), 403);
	}

	@Test
	void hostileUploadsAreRefusedAndLeaveNothingBehind() throws IOException {
		String owner = newUser();
		String token = token(owner, AUTHOR);
		long filesBefore = storedFiles();
		byte[] polyglot = concat(
				"GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000;".getBytes(StandardCharsets.ISO_8859_1),
				"<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8));
		byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
			.getBytes(StandardCharsets.UTF_8);
		byte[] executable = concat(new byte[] { 'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0 },
				"This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII), new byte[512]);
		List<Case> cases = List.of(new Case("image/HTML polyglot", "pic.gif", "image/gif", polyglot, 415),
				new Case("SVG with script", "x.svg", "image/svg+xml", svg, 400),
				new Case("SVG named .png", "x.png", "image/png", svg, 415),
				new Case("executable named .png", "setup.png", "image/png", executable, 415),
				new Case("path in the name", "../../x.png", "image/png", png(4, 4), 400),
				new Case("encoded NUL in the name", "a.php%00.jpg", "image/jpeg", jpeg(4, 4), 400),
				new Case("declared type not the extension's", "y.png", "image/jpeg", png(4, 4), 415),
				new Case("PNG that is really a JPEG", "z.png", "image/png", jpeg(4, 4), 415),
				new Case("50,000 × 50,000 PNG header", "bomb.png", "image/png", pngHeader(50_000, 50_000), 400),
				new Case("truncated PNG", "cut.png", "image/png", Arrays.copyOf(png(64, 64), 60), 400),
				new Case("one byte over the limit", "big.txt", "text/plain", text(64 * 1024 + 1), 413),
				new Case("no extension", "README", "text/plain", text(10), 400),
				new Case("empty name", "", "text/plain", text(10), 400),
				new Case("empty file", "empty.txt", "text/plain", new byte[0], 400),
				new Case("extension accepted nowhere", "run.sh", "text/plain", text(10), 400));
		for (Case bad : cases) {
			JsonNode problem = problem(upload(token, bad.name(), bad.type(), bad.bytes(), null), bad.status());
			assertThat(problem.get("detail").asString()).as(bad.description()).isNotBlank();
		}
		assertThat(storedFiles()).isEqualTo(filesBefore);
		assertThat(usage(owner)).isZero();
		assertThat(this.jdbc.sql("select count(*) from uploads where owner_id = ?")
			.param(owner)
			.query(Long.class)
			.single()).isZero();
		try (Stream<Path> partial = Files.list(Path.of(UPLOADS, ".partial"))) {
			assertThat(partial).isEmpty();
		}
	}

	@Test
	void concurrentUploadsNeverPassTheQuota() throws Exception {
		String owner = newUser();
		String token = token(owner, AUTHOR);
		byte[] file = text(60 * 1024);
		List<Callable<Integer>> uploads = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			int n = i;
			uploads.add(() -> upload(token, "part-" + n + ".txt", "text/plain", file, null).statusCode());
		}
		List<Integer> statuses = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
			for (Future<Integer> status : pool.invokeAll(uploads)) {
				statuses.add(status.get());
			}
		}
		// 4 × 60 KB fit in 256 KB; a fifth would not
		assertThat(statuses.stream().filter((status) -> status == 201)).hasSize(4);
		assertThat(statuses.stream().filter((status) -> status == 413)).hasSize(2);
		assertThat(usage(owner)).isEqualTo(4L * file.length);
		assertThat(this.jdbc.sql("select count(*) from uploads where owner_id = ? and state = 'ready'")
			.param(owner)
			.query(Long.class)
			.single()).isEqualTo(4);
	}

	@Test
	void deletingAnUploadOrPurgingItsArticleRemovesTheFile() throws IOException {
		String owner = newUser();
		String token = token(owner, EDITOR);
		JsonNode upload = expect(upload(token, "gone.txt", "text/plain", text(100), null), 201);
		long files = storedFiles();
		expect(delete("/api/content/uploads/" + upload.get("id").asString(), token), 204);
		assertThat(storedFiles()).isEqualTo(files - 1);
		assertThat(usage(owner)).isZero();
		assertThat(download(upload, token).statusCode()).isEqualTo(404);

		JsonNode article = published(Map.of());
		String articleId = article.get("id").asString();
		expect(upload(token, "attached.txt", "text/plain", text(100), articleId), 201);
		expect(delete("/api/content/articles/" + articleId, token), 204);
		assertThat(storedFiles()).isEqualTo(files);
		try {
			this.clock.advance(Duration.ofDays(31));
			this.purge.purge();
		}
		finally {
			this.clock.advance(Duration.ofDays(-31));
		}
		assertThat(storedFiles()).isEqualTo(files - 1);
		assertThat(usage(owner)).isZero();
	}

	private HttpResponse<String> upload(String token, String name, String type, byte[] bytes,
			@Nullable String articleId) {
		String query = (articleId != null) ? "?articleId=" + articleId : "";
		return TestHttp.send(TestHttp.upload(this.port, "/api/content/uploads" + query, name, type, bytes)
			.header("Authorization", "Bearer " + token));
	}

	private HttpResponse<byte[]> download(JsonNode upload, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + upload.get("contentUrl").asString()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private long usage(String owner) {
		return this.jdbc.sql("select coalesce(sum(bytes), 0) from upload_usage where owner_id = ?")
			.param(owner)
			.query(Long.class)
			.single();
	}

	private static long storedFiles() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of(UPLOADS))) {
			return files.filter(Files::isRegularFile).count();
		}
	}

	private static byte[] png(int width, int height) throws IOException {
		return image(width, height, "png");
	}

	private static byte[] jpeg(int width, int height) throws IOException {
		return image(width, height, "jpg");
	}

	private static byte[] image(int width, int height, String format) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, 0x336699);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, format, out);
		return out.toByteArray();
	}

	/**
	 * A PNG signature and header chunk claiming the size, and nothing a decoder could
	 * use.
	 */
	private static byte[] pngHeader(int width, int height) {
		ByteBuffer ihdr = ByteBuffer.allocate(17)
			.put("IHDR".getBytes(StandardCharsets.US_ASCII))
			.putInt(width)
			.putInt(height)
			.put(new byte[] { 8, 2, 0, 0, 0 });
		CRC32 crc = new CRC32();
		crc.update(ihdr.array());
		ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 64)
			.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' })
			.putInt(13)
			.put(ihdr.array())
			.putInt((int) crc.getValue());
		return png.array();
	}

	private static byte[] text(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) ((i % 64 == 63) ? '\n' : 'a' + (i % 26));
		}
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private record Case(String description, String name, String type, byte[] bytes, int status) {
	}

}
