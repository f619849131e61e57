package com.licencereminder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Errors in a real servlet container, as a browser gets them: the friendly page in the
 * user's language, saying what to do, with no stack trace and no exception message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(ErrorPagesTests.Failing.class)
class ErrorPagesTests {

	static final String SECRET = "internal detail that must not reach users";

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();

	@TestConfiguration
	@Controller
	static class Failing {

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException(SECRET);
		}

	}

	@Test
	void anUnknownPageIsAFriendlyNotFoundInChinese() throws Exception {
		HttpResponse<String> missing = get("/no-such-page", null);

		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("页面不存在", "请检查链接", "返回概览").doesNotContain("Whitelabel");
	}

	@Test
	void theErrorPageSpeaksTheChosenLanguage() throws Exception {
		HttpResponse<String> missing = get("/no-such-page", "lang=en");

		assertThat(missing.body()).contains("Page not found", "Back to the overview").doesNotContain("页面不存在");
	}

	@Test
	void aServerErrorShowsNoStackTraceAndNoExceptionMessage() throws Exception {
		HttpResponse<String> failed = get("/boom", null);

		assertThat(failed.statusCode()).isEqualTo(500);
		assertThat(failed.body()).contains("服务器出错了", "联系管理员")
			.doesNotContain(SECRET, "IllegalStateException", "at com.licencereminder", "Whitelabel");
	}

	private HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Accept", "text/html")
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString("admin:test-secret".getBytes(StandardCharsets.UTF_8)));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
