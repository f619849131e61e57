package com.licencereminder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The console in a real headless Chromium: what a regulator and an operator do on a working day,
 * click by click. Screenshots of each step are kept under {@code target/browser-tests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTests {

	@LocalServerPort
	int port;

	ChromeDriver browser;

	WebDriverWait wait;

	Path downloads;

	@BeforeAll
	void startBrowser() throws IOException {
		downloads = Files.createDirectories(Chromium.ARTEFACTS.resolve("downloads"));
		browser = Chromium.start(downloads);
		wait = new WebDriverWait(browser, Duration.ofSeconds(30));
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
