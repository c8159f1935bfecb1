package dev.nori.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A plain HTTP client for tests: what a real client sends, nothing Spring adds. Loopback
 * only.
 */
public final class TestHttp {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private TestHttp() {
	}

	/**
	 * Sends a request and reads the body as text.
	 * @param request the request
	 * @return the response
	 */
	public static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Sends a JSON request to a loopback port, with a bearer token when given.
	 * @param port the port
	 * @param method the method
	 * @param path the path and query
	 * @param json the body, or {@code null} for none
	 * @param token the access token, or {@code null}
	 * @return the response
	 */
	public static HttpResponse<String> json(int port, String method, String path, @Nullable String json,
			@Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method,
					(json == null) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
			.header("Content-Type", "application/json");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return send(request);
	}

	/**
	 * Starts a GET to a loopback port.
	 * @param port the port
	 * @param path the path and query
	 * @return the request builder
	 */
	public static HttpRequest.Builder get(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
	}

	/**
	 * Sends a GET to a loopback port, with a request id when given.
	 * @param port the port
	 * @param path the path and query
	 * @param requestId the {@code X-Request-ID} to send, or {@code null}
	 * @return the response
	 */
	public static HttpResponse<String> get(int port, String path, String requestId) {
		HttpRequest.Builder request = get(port, path);
		if (requestId != null) {
			request.header("X-Request-ID", requestId);
		}
		return send(request);
	}

	/**
	 * Starts a JSON POST to a loopback port.
	 * @param port the port
	 * @param path the path
	 * @param json the body
	 * @return the request builder
	 */
	public static HttpRequest.Builder post(int port, String path, String json) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	/**
	 * Starts a multipart POST of one file, as a browser's file upload sends it.
	 * @param port the port
	 * @param path the path
	 * @param fileName the file name the client claims
	 * @param contentType the type the client declares
	 * @param bytes the file
	 * @return the request builder
	 */
	public static HttpRequest.Builder upload(int port, String path, String fileName, String contentType, byte[] bytes) {
		String boundary = "nori-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(bytes);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
	}

}
