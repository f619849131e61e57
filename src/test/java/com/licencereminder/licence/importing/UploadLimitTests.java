package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The upload limit is enforced by the server and answered with a problem that says what
 * to do.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "licence-reminder.imports.max-file-size=2KB")
@ActiveProfiles("test")
class UploadLimitTests {

	@LocalServerPort
	int port;

	@Test
	void aFileOverTheLimitIsRefusedWith413AndAnExplanation() throws Exception {
		HttpResponse<String> response = upload("x".repeat(10_000));

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("upload limit").contains("max-file-size");
	}

	@Test
	void aFileUnderTheLimitIsAccepted() throws Exception {
		HttpResponse<String> response = upload("企业名称,证照名称,证照编号,有效期至\n甲店,食品经营许可证,JY1,2027-01-01\n");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("Location"))
			.hasValueSatisfying(l -> assertThat(l).contains("/api/imports/"));
	}

	private HttpResponse<String> upload(String content) throws Exception {
		String boundary = "----limit" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/imports"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Accept-Language", "en")
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:test-secret".getBytes(StandardCharsets.UTF_8)))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
