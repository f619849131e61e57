package com.licencereminder.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for browser tests, driven by Selenium. It uses the system's
 * Chromium and ChromeDriver (Debian's {@code chromium} and {@code chromium-driver}, or
 * the paths in the environment variables {@code CHROME_BIN} and {@code CHROMEDRIVER});
 * without them Selenium Manager may fetch a browser where the network allows; if that
 * fails too, the test fails with a message saying how to install one. It never skips.
 */
public final class Chromium {

	/** Where screenshots and downloads go, kept as test artefacts. */
	public static final Path ARTEFACTS = Path.of("target", "browser-tests");

	private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	private Chromium() {
	}

	/**
	 * Starts a headless Chromium whose downloads land in {@code downloads}.
	 * @throws AssertionError saying how to install Chromium when none can be started
	 */
	public static ChromeDriver start(Path downloads) {
		ChromeOptions options = new ChromeOptions();
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1366,900", "--lang=zh-CN", "--user-data-dir=" + temporaryProfile());
		options.setExperimentalOption("prefs",
				Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
						"download.prompt_for_download", false, "intl.accept_languages", "zh-CN,zh"));
		Optional<String> browser = find("CHROME_BIN", BROWSERS);
		Optional<String> driver = find("CHROMEDRIVER", DRIVERS);
		try {
			ChromeDriver chrome;
			if (browser.isPresent() && driver.isPresent()) {
				options.setBinary(browser.get());
				chrome = new ChromeDriver(
						new ChromeDriverService.Builder().usingDriverExecutable(new File(driver.get())).build(),
						options);
			}
			else {
				chrome = new ChromeDriver(options);
			}
			chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return chrome;
		}
		catch (RuntimeException ex) {
			throw new AssertionError("""
					Browser tests need Chromium and ChromeDriver, and none could be started (%s).
					Install them (Debian/Ubuntu: sudo apt-get install -y chromium chromium-driver) or point
					CHROME_BIN and CHROMEDRIVER at a Chromium and its matching ChromeDriver."""
				.formatted(ex.getMessage()), ex);
		}
	}

	/**
	 * Saves a screenshot of the whole current page (the window is stretched to the page's
	 * height for the shot) as {@code target/browser-tests/<name>.png}.
	 */
	public static void screenshot(WebDriver driver, String name) {
		Dimension window = driver.manage().window().getSize();
		Number height = (Number) ((JavascriptExecutor) driver)
			.executeScript("return document.documentElement.scrollHeight");
		try {
			Files.createDirectories(ARTEFACTS);
			driver.manage()
				.window()
				.setSize(new Dimension(window.getWidth(),
						Math.min(Math.max(height.intValue() + 120, window.getHeight()), 6000)));
			File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), ARTEFACTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			driver.manage().window().setSize(window);
		}
	}

	private static Optional<String> find(String variable, List<String> candidates) {
		String configured = System.getenv(variable);
		return Stream.concat(Stream.ofNullable(configured), candidates.stream())
			.filter(path -> Files.isExecutable(Path.of(path)))
			.findFirst();
	}

	private static String temporaryProfile() {
		try {
			return Files.createTempDirectory("chromium-profile").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
