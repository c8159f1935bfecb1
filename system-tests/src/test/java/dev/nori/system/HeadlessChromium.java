package dev.nori.system;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through its WebDriver: Debian's {@code chromium} and
 * {@code chromium-driver}, found on the {@code PATH} (CI installs them; nothing is
 * downloaded at test time).
 */
final class HeadlessChromium {

	private HeadlessChromium() {
	}

	/**
	 * Returns why a browser cannot start here, if it cannot.
	 * @return the reason, or empty when Chromium and its driver are installed
	 */
	static Optional<String> missing() {
		if (browser().isEmpty()) {
			return Optional.of("no chromium on the PATH (apt-get install chromium chromium-driver)");
		}
		if (onPath("chromedriver").isEmpty()) {
			return Optional.of("no chromedriver on the PATH (apt-get install chromium-driver)");
		}
		return Optional.empty();
	}

	/**
	 * Starts a headless browser with a fresh profile.
	 * @return the driver; quit it when done
	 */
	static WebDriver start() {
		ChromeOptions options = new ChromeOptions().setBinary(browser().orElseThrow().toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
					"--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1400,1000");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(onPath("chromedriver").orElseThrow().toFile())
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	private static Optional<Path> browser() {
		return onPath("chromium").or(() -> onPath("chromium-browser"));
	}

	private static Optional<Path> onPath(String name) {
		List<String> directories = Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
		return directories.stream()
			.map((directory) -> Path.of(directory, name))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
