package dev.nori.content.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import dev.nori.testsupport.TestS3;
import io.minio.MinioClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** The s3 driver against a real S3-protocol server (S3Mock), through the MinIO SDK. */
class S3StorageIT {

	private static S3Storage storage;

	@BeforeAll
	static void start() throws IOException {
		MinioClient client = MinioClient.builder()
			.endpoint(TestS3.get().endpoint())
			.region("us-east-1")
			.credentials("test-access-key", "test-secret-key")
			.build();
		storage = new S3Storage(client, "nori-test-" + UUID.randomUUID().toString().substring(0, 8));
	}

	@Test
	void storesReadsMovesAndDeletesObjects() throws IOException {
		String key = "quarantine/u-1/" + UUID.randomUUID();
		byte[] bytes = "hello s3".repeat(1000).getBytes(StandardCharsets.UTF_8);
		storage.put(key, new ByteArrayInputStream(bytes), "application/octet-stream");
		assertThat(storage.exists(key)).isTrue();
		try (InputStream in = storage.open(key)) {
			assertThat(in.readAllBytes()).isEqualTo(bytes);
		}
		String promoted = "files/u-1/" + UUID.randomUUID();
		storage.move(key, promoted);
		assertThat(storage.exists(key)).isFalse();
		assertThat(storage.exists(promoted)).isTrue();
		storage.delete(promoted);
		assertThat(storage.exists(promoted)).isFalse();
		storage.delete(promoted);
		assertThatIOException().isThrownBy(() -> storage.open(promoted).close());
	}

	@Test
	void presignedDownloadsServeTheBytesWithTheServicesHeadersAndExpire() throws Exception {
		String key = "files/u-2/" + UUID.randomUUID();
		storage.put(key, new ByteArrayInputStream("report".getBytes(StandardCharsets.UTF_8)),
				"application/octet-stream");
		URI uri = storage.downloadUri(key, Duration.ofMinutes(5), "application/pdf", "attachment; filename=\"r.pdf\"")
			.orElseThrow();
		assertThat(uri.getQuery()).contains("X-Amz-Expires=300").contains("X-Amz-Signature=");
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("report");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"r.pdf\"");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
	}

	@Test
	void keysFromOutsideAreRefused() {
		for (String key : new String[] { "../escape", "files/../../x", "/absolute", "files//double", "" }) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> storage.put(key, new ByteArrayInputStream(new byte[1]), "text/plain"));
		}
	}

}
