package dev.nori.content.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import javax.imageio.ImageIO;

import dev.nori.content.ContentServiceIT;
import dev.nori.testsupport.TestHttp;
import dev.nori.testsupport.TestS3;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploads through the s3 driver, against a real S3-protocol server (S3Mock). */
class S3UploadIT extends ContentServiceIT {

	private static final String BUCKET = "nori-upload-" + UUID.randomUUID().toString().substring(0, 8);

	@DynamicPropertySource
	static void s3(DynamicPropertyRegistry registry) {
		registry.add("nori.content.storage.driver", () -> "s3");
		registry.add("nori.content.storage.s3.endpoint", () -> TestS3.get().endpoint());
		registry.add("nori.content.storage.s3.bucket", () -> BUCKET);
		registry.add("nori.content.storage.s3.access-key", () -> "test-access-key");
		registry.add("nori.content.storage.s3.secret-key", () -> "test-secret-key");
	}

	@Test
	void aDownloadIsAPresignedRedirectThatServesTheVerifiedFile() throws Exception {
		String token = token(newUser(), AUTHOR);
		byte[] png = png();
		JsonNode upload = expect(upload(token, png), 201);
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> redirect = client.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + upload.get("contentUrl").asString()))
			.header("Authorization", "Bearer " + token)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(redirect.statusCode()).isEqualTo(302);
		URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
		assertThat(location.toString()).startsWith(TestS3.get().endpoint() + "/" + BUCKET + "/files/")
			.contains("X-Amz-Expires=300");

		HttpResponse<byte[]> file = client.send(HttpRequest.newBuilder(location).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(file.body()).isEqualTo(png);
		assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("inline;");

		// anyone else gets no address at all
		assertThat(client
			.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + upload.get("contentUrl").asString()))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(404);

		expect(delete("/api/content/uploads/" + upload.get("id").asString(), token), 204);
		assertThat(client.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void aRefusedUploadLeavesNoObjectInTheBucket() {
		String owner = newUser();
		byte[] fake = "MZ this is no image".getBytes(StandardCharsets.US_ASCII);
		problem(upload(token(owner, AUTHOR), fake), 415);
		assertThat(this.jdbc.sql("select count(*) from uploads where owner_id = ?")
			.param(owner)
			.query(Long.class)
			.single()).isZero();
	}

	private HttpResponse<String> upload(String token, byte[] bytes) {
		return TestHttp.send(TestHttp.upload(this.port, "/api/content/uploads", "cover.png", "image/png", bytes)
			.header("Authorization", "Bearer " + token));
	}

	private static byte[] png() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(new BufferedImage(16, 9, BufferedImage.TYPE_INT_RGB), "png", out);
		return out.toByteArray();
	}

}
