package dev.nori.launcher;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.imageio.ImageIO;

/**
 * {@code ./nori seed}: a realistic demo, loaded through the gateway as users would load
 * it: an editor and three authors (imported by the first administrator, so
 * content-service learns their names from the {@code user.registered} event), a category
 * tree three levels deep, {@value #ARTICLES} articles by those authors (most published,
 * some archived, some drafts), posts on them, and a few uploaded images. Everything has a
 * fixed slug or marker, so running it again adds nothing.
 */
public final class DemoSeed {

	/** The password of every demo user. */
	public static final String DEMO_PASSWORD = "nori-demo-password";

	static final int ARTICLES = 210;

	private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

	private static final Pattern TOKEN = Pattern.compile("\"accessToken\":\"([^\"]+)\"");

	private static final String[][] TREE = { { "Technology", "Java", "Databases", "Cloud" },
			{ "Science", "Physics", "Biology", "Space" }, { "Culture", "Books", "Music", "Film" },
			{ "Travel", "Europe", "Asia", "Americas" } };

	private static final String[] LEAVES = { "Guides", "News" };

	private static final String[] ADJECTIVES = { "Practical", "Quiet", "Bold", "Hidden", "Modern", "Forgotten",
			"Simple", "Curious", "Patient", "Unexpected" };

	private static final String[] NOUNS = { "patterns", "journeys", "questions", "experiments", "notes", "stories",
			"lessons", "maps", "habits", "ideas" };

	private static final String[] TAGS = { "beginner", "deep-dive", "opinion", "howto", "history", "review",
			"interview", "weekly" };

	private final String gateway;

	private final BootstrapAdmin admin;

	private final PrintStream out;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private int requests;

	/**
	 * Creates the seeder.
	 * @param gateway the gateway's base URL
	 * @param admin the first administrator, who imports the demo users
	 * @param out where progress goes
	 */
	public DemoSeed(String gateway, BootstrapAdmin admin, PrintStream out) {
		this.gateway = gateway;
		this.admin = admin;
		this.out = out;
	}

	/**
	 * Loads the demo; what exists already is left alone.
	 * @return what this run created
	 */
	public Result run() {
		String adminToken = login(this.admin.email(), this.admin.password());
		importUsers(adminToken);
		String editor = login(email("editor"), DEMO_PASSWORD);
		List<String> authors = List.of(login(email("ana"), DEMO_PASSWORD), login(email("ben"), DEMO_PASSWORD),
				login(email("chen"), DEMO_PASSWORD));

		int categoriesCreated = 0;
		List<String> leaves = new ArrayList<>();
		for (String[] branch : TREE) {
			Optional<String> root = ensureCategory(editor, branch[0], null);
			categoriesCreated += root.isPresent() ? 0 : 1;
			String rootId = categoryId(editor, branch[0], null);
			for (int i = 1; i < branch.length; i++) {
				String child = branch[0] + " " + branch[i];
				categoriesCreated += ensureCategory(editor, child, rootId).isPresent() ? 0 : 1;
				String childId = categoryId(editor, child, rootId);
				for (String leaf : LEAVES) {
					String name = branch[i] + " " + leaf;
					categoriesCreated += ensureCategory(editor, name, childId).isPresent() ? 0 : 1;
					leaves.add(categoryId(editor, name, childId));
				}
			}
		}

		int articlesCreated = 0;
		int postsCreated = 0;
		int uploadsCreated = 0;
		for (int n = 1; n <= ARTICLES; n++) {
			String slug = String.format(Locale.ROOT, "demo-article-%03d", n);
			String author = authors.get(n % authors.size());
			if (send("GET", "/api/content/articles/" + slug, null, editor).statusCode() == 200) {
				continue;
			}
			String title = ADJECTIVES[n % ADJECTIVES.length] + " " + NOUNS[(n / ADJECTIVES.length) % NOUNS.length]
					+ " #" + n;
			String body = """
					{"title":"%s","slug":"%s","summary":"%s","body":"%s","tags":["%s","%s"],"categoryId":"%s"}"""
				.formatted(title, slug, "A demo article about " + title.toLowerCase(Locale.ROOT) + ".", markdown(n),
						TAGS[n % TAGS.length], TAGS[(n * 3 + 1) % TAGS.length], leaves.get(n % leaves.size()));
			String id = id(expect(send("POST", "/api/content/articles", body, author), 201));
			articlesCreated++;
			if (n % 10 != 0) {
				expect(send("POST", "/api/content/articles/" + id + "/publish", null, editor), 200);
				if (n % 25 == 0) {
					expect(send("POST", "/api/content/articles/" + id + "/archive", null, editor), 200);
				}
				else if (n % 7 == 0) {
					for (int p = 1; p <= 2; p++) {
						expect(send("POST", "/api/content/posts",
								"{\"body\":\"Update %d on this article: still true.\",\"articleId\":\"%s\"}"
									.formatted(p, id),
								authors.get(p % authors.size())), 201);
						postsCreated++;
					}
				}
				if (n <= 5) {
					expect(upload(editor, id, n), 201);
					uploadsCreated++;
				}
			}
		}
		return new Result(categoriesCreated, articlesCreated, postsCreated, uploadsCreated, this.requests);
	}

	private void importUsers(String adminToken) {
		StringBuilder users = new StringBuilder();
		Map<String, String[]> people = new LinkedHashMap<>();
		people.put("editor", new String[] { "Elena Editor", "editor" });
		people.put("ana", new String[] { "Ana Author", "author" });
		people.put("ben", new String[] { "Ben Author", "author" });
		people.put("chen", new String[] { "Chen Author", "author" });
		for (Map.Entry<String, String[]> person : people.entrySet()) {
			if (!users.isEmpty()) {
				users.append(',');
			}
			users.append("""
					{"email":"%s","displayName":"%s","passwordHash":"%s","emailVerified":true,"roles":["%s"]}"""
				.formatted(email(person.getKey()), person.getValue()[0], pbkdf2(DEMO_PASSWORD), person.getValue()[1]));
		}
		expect(send("POST", "/api/auth/admin/users/import", "{\"users\":[" + users + "]}", adminToken), 200);
	}

	/** Creates the category unless its slug exists; returns its id when it existed. */
	private Optional<String> ensureCategory(String token, String name, String parentId) {
		String slug = slug(name);
		HttpResponse<String> existing = send("GET", "/api/content/categories/" + slug, null, null);
		if (existing.statusCode() == 200) {
			return Optional.of(id(existing));
		}
		String body = (parentId != null)
				? "{\"name\":\"%s\",\"slug\":\"%s\",\"parentId\":\"%s\"}".formatted(name, slug, parentId)
				: "{\"name\":\"%s\",\"slug\":\"%s\"}".formatted(name, slug);
		expect(send("POST", "/api/content/categories", body, token), 201);
		return Optional.empty();
	}

	private String categoryId(String token, String name, String parentId) {
		return id(expect(send("GET", "/api/content/categories/" + slug(name), null, token), 200));
	}

	private HttpResponse<String> upload(String token, String articleId, int n) {
		String boundary = "nori-seed-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cover-" + n
				+ ".png\"\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(image(n));
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return call(HttpRequest.newBuilder(URI.create(this.gateway + "/api/content/uploads?articleId=" + articleId))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private String login(String email, String password) {
		HttpResponse<String> response = expect(send("POST", "/api/auth/login",
				"{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password), null), 200);
		Matcher token = TOKEN.matcher(response.body());
		if (!token.find()) {
			throw new IllegalStateException("No access token in the login answer");
		}
		return token.group(1);
	}

	private HttpResponse<String> send(String method, String path, String json, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.gateway + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return call(request);
	}

	// waits out the gateway's rate limits instead of failing
	private HttpResponse<String> call(HttpRequest.Builder request) {
		try {
			for (int attempt = 0;; attempt++) {
				this.requests++;
				HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 429 || attempt >= 30) {
					return response;
				}
				long wait = response.headers().firstValueAsLong("Retry-After").orElse(1);
				this.out.printf(Locale.ROOT, "  rate limited, waiting %d s%n", wait);
				Thread.sleep(Duration.ofSeconds(Math.max(1, wait)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The gateway did not answer: is the stack up (./nori up -d)?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.uri().getPath() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
		return response;
	}

	private static String id(HttpResponse<String> response) {
		Matcher id = ID.matcher(response.body());
		if (!id.find()) {
			throw new IllegalStateException("No id in the answer of " + response.uri().getPath());
		}
		return id.group(1);
	}

	private static String email(String name) {
		return name + "@demo.nori.localhost";
	}

	private static String slug(String name) {
		return "demo-" + name.toLowerCase(Locale.ROOT).replace(' ', '-');
	}

	private static String markdown(int n) {
		StringBuilder text = new StringBuilder("## Why it matters\\n\\n");
		for (int p = 0; p < 3 + n % 4; p++) {
			text.append("Paragraph ")
				.append(p + 1)
				.append(" of demo article ")
				.append(n)
				.append(": *Nori* keeps this text as Markdown and serves it as clean HTML. ")
				.append("See [the docs](https://example.org/docs/")
				.append(n)
				.append(").\\n\\n");
		}
		return text.append("- one point\\n- another point\\n").toString();
	}

	// the Python Nori's hash format, which auth-service imports
	private static String pbkdf2(String password) {
		try {
			String salt = "demo" + UUID.randomUUID().toString().substring(0, 8);
			byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(
						new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), 100_000, 256))
				.getEncoded();
			return "pbkdf2_sha256$100000$" + salt + "$" + HexFormat.of().formatHex(hash);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("PBKDF2 is unavailable", ex);
		}
	}

	private static byte[] image(int n) {
		BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setPaint(new GradientPaint(0, 0, Color.getHSBColor(n / 6f, 0.6f, 0.9f), 640, 360,
				Color.getHSBColor(n / 6f + 0.3f, 0.7f, 0.5f)));
		graphics.fillRect(0, 0, 640, 360);
		graphics.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * What a run created.
	 *
	 * @param categories categories created
	 * @param articles articles created
	 * @param posts posts created
	 * @param uploads images uploaded
	 * @param requests requests sent
	 */
	public record Result(int categories, int articles, int posts, int uploads, int requests) {
	}

}
