package com.licencereminder.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.licencereminder.console.Chromium;
import com.licencereminder.delivery.SimulatedMessage;
import com.licencereminder.delivery.SimulatorControl;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code /my} pages in a real headless Chromium at phone size (375 × 812): a business
 * asks for a code, reads it from its texts (the simulator's outbox), signs in, sees its
 * licence, acknowledges the renewal, switches texts off, reads the page in English and
 * signs out, and no page scrolls sideways. Screenshots are kept under
 * {@code target/browser-tests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MyPagesBrowserTests {

	static final String PHONE = "+8613812345677";

	static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	SimulatorControl simulator;

	@Autowired
	Clock clock;

	ChromeDriver browser;

	WebDriverWait wait;

	@BeforeAll
	void startBrowser() throws IOException {
		Path downloads = Files.createDirectories(Chromium.ARTEFACTS.resolve("downloads"));
		browser = Chromium.start(downloads);
		browser.manage().window().setSize(new Dimension(375, 812));
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
	void aBusinessSignsInWithATextedCodeAcknowledgesSwitchesTextsOffAndSignsOut() {
		TestStores.clear(mongo);
		simulator.reset();
		mongo.save(LicenceBuilder.valid("食品经营许可证", "JY1410002000177", LocalDate.now(clock).plusDays(20))
			.holder("老街烩面馆")
			.mobiles(PHONE)
			.build());
		browser.manage().deleteAllCookies();

		open("/my");
		wait.until(ExpectedConditions.urlContains("/my/sign-in"));
		assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录");
		assertThat(((Number) browser.executeScript("return window.innerWidth")).intValue()).as("a phone's width")
			.isEqualTo(375);
		fitsThePhone("40-my-sign-in");

		browser.findElement(By.id("licence")).sendKeys("JY1410002000177");
		browser.findElement(By.id("phone")).sendKeys("138 1234 5677");
		browser.findElement(By.id("request-code")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("code")));
		assertThat(browser.findElement(By.id("code-sent")).getText()).contains("138****5677");
		fitsThePhone("41-my-code");

		browser.findElement(By.id("code")).sendKeys(await().until(this::codeTexted, Optional::isPresent).get());
		browser.findElement(By.id("sign-in")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("licence-JY1410002000177")));
		assertThat(browser.findElement(By.id("licence-JY1410002000177")).getText()).contains("老街烩面馆", "有效", "20 天");
		assertThat(browser.manage().getCookieNamed(BusinessSecurity.PAGE_COOKIE).getPath()).isEqualTo("/my");
		fitsThePhone("42-my-licences");

		browser.findElement(By.id("reason-RENEWING-JY1410002000177")).click();
		browser.findElement(By.id("note-JY1410002000177")).sendKeys("材料已提交");
		browser.findElement(By.cssSelector("#licence-JY1410002000177 form.acknowledge button")).click();
		wait.until(ExpectedConditions.urlContains("done=acknowledged"));
		assertThat(browser.findElement(By.id("done")).getText()).contains("本轮提醒不再发送");
		fitsThePhone("43-my-acknowledged");

		browser.findElement(By.id("channel-sms")).click();
		browser.findElement(By.id("save-channels")).click();
		wait.until(ExpectedConditions.urlContains("done=channels"));
		assertThat(browser.findElement(By.id("channel-sms")).isSelected()).as("texts switched off").isFalse();
		assertThat(browser.findElement(By.id("channel-voice")).isSelected()).isTrue();
		fitsThePhone("44-my-channels");

		browser.findElement(By.id("lang-en")).click();
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "My licences"));
		fitsThePhone("45-my-licences-en");
		browser.findElement(By.id("lang-zh")).click();
		wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "我的证照"));

		browser.findElement(By.id("sign-out")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-out")));
		fitsThePhone("46-my-signed-out");
		open("/my");
		wait.until(ExpectedConditions.urlContains("/my/sign-in"));
	}

	private Optional<String> codeTexted() {
		return simulator.outbox(10)
			.stream()
			.filter(text -> text.recipient().equals(PHONE))
			.map(SimulatedMessage::text)
			.map(CODE::matcher)
			.filter(Matcher::find)
			.map(code -> code.group(1))
			.findFirst();
	}

	private void fitsThePhone(String screenshot) {
		Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth");
		assertThat(width.intValue()).as("sideways scrolling on %s", browser.getCurrentUrl()).isLessThanOrEqualTo(375);
		Chromium.screenshot(browser, screenshot);
	}

	private void open(String path) {
		browser.get("http://localhost:" + port + path);
	}

}
