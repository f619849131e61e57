package com.licencereminder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console in a real headless Chromium: what a regulator and an operator do on a
 * working day, click by click. Screenshots of each step are kept under
 * {@code target/browser-tests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "licence-reminder.send-windows.enabled=false", "licence-reminder.dispatch.poll-interval=1s",
				"licence-reminder.imports.max-file-size=1MB" })
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	WebDriverWait wait;

	Path downloads;

	static final Path SAMPLE = Path.of("config", "samples", "licences-sample.csv");

	@BeforeAll
	void startBrowser() throws IOException {
		downloads = Files.createDirectories(Chromium.ARTEFACTS.resolve("downloads"));
		try (Stream<Path> old = Files.list(downloads)) {
			for (Path file : old.toList()) {
				Files.delete(file);
			}
		}
		browser = Chromium.start(downloads);
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.ignoring(StaleElementReferenceException.class);
	}

	@AfterAll
	void stopBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void signInSwitchTheLanguageAndSignOut() {
		browser.manage().deleteAllCookies();
		open("/");
		wait.until(ExpectedConditions.urlContains("/login"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录");
		Chromium.screenshot(browser, "01-login");
		signIn("admin", "test-secret");
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("概览");
		browser.findElement(By.id("lang-en")).click();
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Overview"));
		Chromium.screenshot(browser, "02-dashboard-en");
		open("/");
		assertThat(browser.findElement(By.tagName("h1")).getText()).as("the choice persists").isEqualTo("Overview");
		browser.findElement(By.id("lang-zh")).click();
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "概览"));
		browser.findElement(By.id("logout")).click();
		wait.until(ExpectedConditions.urlContains("/login?logout"));
		assertThat(browser.findElement(By.cssSelector(".alert.info")).getText()).contains("退出");
		open("/");
		wait.until(ExpectedConditions.urlContains("/login"));
	}

	@Test
	void importTheSampleListFindALicenceAndWorkTheDeliveryLog() throws IOException {
		browser.manage().deleteAllCookies();
		open("/login");
		signIn("admin", "test-secret");

		open("/imports");
		browser.findElement(By.id("file")).sendKeys(SAMPLE.toAbsolutePath().toString());
		browser.findElement(By.id("upload")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-status")));
		Chromium.screenshot(browser, "10-import-progress");
		wait.until(ExpectedConditions.attributeToBe(By.id("import-status"), "data-status", "COMPLETED"));
		wait.until(
				driver -> driver.findElement(By.cssSelector("#progress .bar")).getAttribute("style").contains("100"));
		assertThat(browser.findElement(By.id("import-counts")).getText()).isNotBlank();
		Chromium.screenshot(browser, "11-import-done");

		open("/licences");
		WebElement query = browser.findElement(By.cssSelector("#licence-search input[name=q]"));
		query.sendKeys("老街烩面馆");
		query.submit();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("licences"), "老街烩面馆"));
		assertThat(browser.findElements(By.cssSelector("#licences a.licence-link"))).hasSize(1);
		browser.findElement(By.cssSelector("#licences a.licence-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reminder-timeline")));
		assertThat(browser.findElement(By.id("licence-detail")).getText()).contains("JY14110020001232");
		assertThat(browser.findElement(By.id("licence-detail")).getText()).contains("张建国");
		Chromium.screenshot(browser, "12-licence-timeline");

		open("/deliveries");
		wait.until(driver -> !driver.findElements(By.cssSelector("#deliveries a.attempt-link")).isEmpty()
				|| refreshed(driver));
		new Select(browser.findElement(By.cssSelector("#delivery-filters select[name=channel]"))).selectByValue("SMS");
		wait.until(ExpectedConditions.urlContains("channel=SMS"));
		List<WebElement> rows = browser.findElements(By.cssSelector("#deliveries tbody tr"));
		assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).doesNotContain("小程序", "语音"));
		Chromium.screenshot(browser, "13-delivery-log-sms");

		browser.findElement(By.id("export-csv")).click();
		Path csv = awaitDownload(".csv");
		assertThat(Files.readString(csv)).contains("SMS").doesNotContain("13812345678");
		browser.findElement(By.id("export-xlsx")).click();
		assertThat(awaitDownload(".xlsx")).isNotEmptyFile();

		browser.findElement(By.cssSelector("#deliveries a.attempt-link")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("attempt-timeline")));
		Chromium.screenshot(browser, "14-attempt");

		open("/outbox");
		assertThat(browser.findElements(By.cssSelector("#outbox .bubble"))).isNotEmpty();
		Chromium.screenshot(browser, "15-outbox");

		open("/follow-ups");
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("follow-ups")));
		Chromium.screenshot(browser, "16-follow-ups");

		open("/");
		Chromium.screenshot(browser, "17-dashboard");
		browser.findElement(By.id("logout")).click();
		wait.until(ExpectedConditions.urlContains("/login?logout"));
	}

	@Test
	void aFileOverTheUploadLimitIsRefusedBeforeItIsSent() throws IOException {
		Path big = Files.createTempFile("too-large", ".csv");
		try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
			file.setLength(2 * 1024 * 1024);
		}
		browser.manage().deleteAllCookies();
		open("/login");
		signIn("admin", "test-secret");
		open("/imports");
		browser.findElement(By.id("file")).sendKeys(big.toAbsolutePath().toString());
		browser.executeScript("window.stillThisPage = true");
		browser.findElement(By.id("upload")).click();

		WebElement refusal = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-error")));
		assertThat(refusal.getText()).contains("文件超过了上传大小限制");
		assertThat(browser.executeScript("return window.stillThisPage === true")).as("nothing was sent")
			.isEqualTo(true);
		Chromium.screenshot(browser, "20-upload-too-large");
		Files.delete(big);
	}

	@Test
	void everyPageFitsATabletScreenWithoutSidewaysScrolling() {
		browser.manage().deleteAllCookies();
		open("/login");
		signIn("admin", "test-secret");
		Dimension laptop = browser.manage().window().getSize();
		browser.manage().window().setSize(new Dimension(820, 1180));
		try {
			for (String page : List.of("/", "/imports", "/licences", "/deliveries", "/follow-ups", "/outbox", "/users",
					"/audit")) {
				open(page);
				Number overflow = (Number) browser.executeScript(
						"return document.documentElement.scrollWidth - document.documentElement.clientWidth");
				assertThat(overflow.intValue()).as("sideways overflow of %s on a tablet", page).isLessThanOrEqualTo(0);
				Chromium.screenshot(browser, "30-tablet" + page.replace('/', '-'));
			}
		}
		finally {
			browser.manage().window().setSize(laptop);
		}
	}

	/**
	 * Reloads the page (deliveries appear as the dispatcher runs) and says it did not
	 * find them yet.
	 */
	private boolean refreshed(org.openqa.selenium.WebDriver driver) {
		driver.navigate().refresh();
		return false;
	}

	private Path awaitDownload(String suffix) {
		return new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> {
			try (Stream<Path> files = Files.list(downloads)) {
				return files.filter(file -> file.toString().endsWith(suffix)).findFirst().orElse(null);
			}
			catch (IOException ex) {
				return null;
			}
		});
	}

	private void signIn(String username, String password) {
		WebElement name = browser.findElement(By.id("username"));
		name.clear();
		name.sendKeys(username);
		browser.findElement(By.id("password")).sendKeys(password);
		browser.findElement(By.id("login")).click();
		wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	private void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

}
