package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import com.licencereminder.shared.TestStores;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The import pages: upload through the form, the job page and its progress, the reports,
 * refused files, roles and CSRF. Runs on a real port too, for the upload limit (64 KB
 * here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "licence-reminder.imports.max-file-size=64KB")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ImportPagesTests {

	static final String LIST = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + "甲店,食品经营许可证,JY1,2099-01-01,13812345678\n"
			+ "乙店,食品经营许可证,JY2,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",13812345679\n"
			+ ",食品经营许可证,JY3,2099-01-01,13812345670\n" + "丙店,食品经营许可证,JY4,2099-02-01,\n";

	static final RequestPostProcessor REGULATOR = user("reg").roles("REGULATOR");

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@LocalServerPort
	int port;

	@BeforeEach
	void clearStore() {
		TestStores.clear(mongo);
	}

	@Test
	void anUploadThroughThePageLeadsToTheJobPageWhichShowsTheCountsAndTheRejectedRowsOnceCompleted() throws Exception {
		String jobPage = upload("list.csv", LIST.getBytes(StandardCharsets.UTF_8));
		assertThat(jobPage).matches("/imports/[0-9a-f]{24}");
		assertThat(mongo.findById(jobPage.substring("/imports/".length()), ImportJob.class).submittedBy())
			.isEqualTo("reg");

		Map<String, Object> progress = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> JsonPath.read(text(get(jobPage + "/progress").with(REGULATOR)), "$"),
					p -> "COMPLETED".equals(p.get("status")));
		assertThat(progress).containsEntry("done", true)
			.containsEntry("percent", 100)
			.containsEntry("rowsTotal", 4)
			.containsEntry("rowsWritten", 4);

		String page = text(get(jobPage).param("lang", "en").with(REGULATOR));
		assertThat(page)
			.contains("id=\"import-status\"", "data-status=\"COMPLETED\"", "id=\"progress\"", "id=\"import-counts\"",
					"id=\"import-errors\"", "id=\"errors-csv\"")
			.contains("Accepted</th><td class=\"num\">2</td>", "Rejected</th><td class=\"num\">2</td>",
					"Created</th><td class=\"num\">2</td>")
			.contains("The holder name is empty", "Not a valid date")
			.doesNotContain("http-equiv=\"refresh\"");
	}

	@Test
	void theJobPageRefreshesItselfWithoutJavaScriptWhileTheJobIsQueued() throws Exception {
		ImportJob queued = mongo
			.insert(ImportJob.queued("0123456789abcdef01234567", "list.csv", 10, null, "reg", null, Instant.now()));

		String page = text(get("/imports/" + queued.id()).with(REGULATOR));

		assertThat(page).contains("data-status=\"QUEUED\"",
				"<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>", "/js/imports.js", "排队中");
		assertThat(text(get("/imports/" + queued.id() + "/progress").with(REGULATOR))).contains("\"status\":\"QUEUED\"",
				"\"phase\":\"queued\"", "\"done\":false");
	}

	@Test
	void aFailedJobSaysWhatIsWrongAndWhatToDo() throws Exception {
		String jobPage = upload("notes.csv", "会议纪要\n第一条,第二条\n".getBytes(StandardCharsets.UTF_8));
		awaitCompleted(jobPage);

		String page = text(get(jobPage).with(REGULATOR));

		assertThat(page).contains("data-status=\"FAILED\"", "id=\"import-failure\"", "class=\"progress failed\"",
				"没有找到表头行", "修改文件后，重新上传");
	}

	@Test
	void theErrorCsvNeutralisesFormulasInRejectedValues() throws Exception {
		String jobPage = upload("list.csv", LIST.getBytes(StandardCharsets.UTF_8));
		awaitCompleted(jobPage);

		String csv = text(get(jobPage + "/errors").param("bom", "false").with(REGULATOR));

		List<CSVRecord> rows = ImportApi.parseCsv(csv);
		assertThat(rows).anySatisfy(row -> assertThat(row.get("value")).isEqualTo("'=HYPERLINK(\"http://x\",\"y\")"));
		assertThat(csv).doesNotContain(",=HYPERLINK");
		assertThat(text(get(jobPage + "/errors").with(REGULATOR))).startsWith("\uFEFFrow,column,value,message");
	}

	@Test
	void anEmptyFileIsRefusedOnTheImportPageWithWhatToDo() throws Exception {
		MvcResult result = mvc
			.perform(multipart("/imports").file(new MockMultipartFile("file", "list.csv", null, new byte[0]))
				.with(csrf())
				.with(REGULATOR))
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/imports");

		String page = text(get("/imports").flashAttrs(result.getFlashMap()).with(REGULATOR));
		assertThat(page).contains("id=\"upload-error\"", "文件是空的").doesNotContain("Exception");
		assertThat(mongo.count(new Query(), ImportJob.class)).isZero();
	}

	@Test
	void anOldExcelWorkbookIsRefusedOnTheImportPageInEnglishToo() throws Exception {
		byte[] xls = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0 };
		MvcResult result = mvc
			.perform(multipart("/imports").file(new MockMultipartFile("file", "list.xls", null, xls))
				.param("lang", "en")
				.with(csrf())
				.with(REGULATOR))
			.andReturn();

		String page = text(get("/imports").flashAttrs(result.getFlashMap()).param("lang", "en").with(REGULATOR));
		assertThat(page).contains("old Excel 97-2003 (.xls) workbook", "save it as .xlsx");
	}

	@Test
	void aFileOverTheLimitIsAnswered413OnTheImportPage() throws Exception {
		HttpClient client = HttpClient.newHttpClient();
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString("admin:test-secret".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> form = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/imports?lang=en"))
				.header("Authorization", basic)
				.build(), HttpResponse.BodyHandlers.ofString());
		String session = form.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter(c -> c.startsWith("JSESSIONID"))
			.map(c -> c.substring(0, c.indexOf(';')))
			.findFirst()
			.orElseThrow();
		Matcher action = Pattern.compile("id=\"import-form\"[^>]*action=\"([^\"]+)\"").matcher(form.body());
		assertThat(action.find()).isTrue();

		String boundary = "----limit" + System.nanoTime();
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.csv\"\r\n"
				+ "Content-Type: text/csv\r\n\r\n" + "x".repeat(100_000) + "\r\n--" + boundary + "--\r\n";
		HttpResponse<String> refused = client
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.header("Authorization", basic)
				.header("Cookie", session + "; lang=en")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(413);
		assertThat(refused.body()).contains("id=\"import-form\"", "larger than the upload limit", "64 KB")
			.doesNotContain("Exception");
	}

	@Test
	void operatorsMayNotUseTheImportPages() throws Exception {
		RequestPostProcessor operator = user("op").roles("OPERATOR");
		assertThat(status(get("/imports").with(operator))).isEqualTo(403);
		assertThat(status(get("/imports/0123456789abcdef01234567/progress").with(operator))).isEqualTo(403);
		assertThat(status(multipart("/imports")
			.file(new MockMultipartFile("file", "list.csv", null, LIST.getBytes(StandardCharsets.UTF_8)))
			.with(csrf())
			.with(operator))).isEqualTo(403);
	}

	@Test
	void anUploadWithoutTheCsrfTokenIsRefused() throws Exception {
		assertThat(status(multipart("/imports")
			.file(new MockMultipartFile("file", "list.csv", null, LIST.getBytes(StandardCharsets.UTF_8)))
			.with(REGULATOR))).isEqualTo(403);
		assertThat(mongo.count(new Query(), ImportJob.class)).isZero();
	}

	@Test
	void theImportPageSpeaksChineseByDefaultAndEnglishOnRequestAndListsTheHistoryNewestFirst() throws Exception {
		awaitCompleted(upload("first.csv", LIST.getBytes(StandardCharsets.UTF_8)));
		awaitCompleted(upload("second.csv", LIST.getBytes(StandardCharsets.UTF_8)));

		String chinese = text(get("/imports").with(REGULATOR));
		assertThat(chinese).contains("导入证照清单", "id=\"import-form\"", "id=\"file\"", "id=\"upload\"", "64 KB",
				"id=\"imports\"", "已完成");
		assertThat(chinese.indexOf("second.csv")).isLessThan(chinese.indexOf("first.csv"));
		assertThat(text(get("/imports").param("lang", "en").with(REGULATOR)))
			.contains("Import a licence list", "Completed")
			.doesNotContain("导入证照清单");
	}

	@Test
	void anUnknownJobIsNotFound() throws Exception {
		assertThat(status(get("/imports/0123456789abcdef01234567").with(REGULATOR))).isEqualTo(404);
	}

	private String upload(String name, byte[] content) throws Exception {
		MockHttpServletResponse response = mvc
			.perform(multipart("/imports").file(new MockMultipartFile("file", name, null, content))
				.with(csrf())
				.with(REGULATOR))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(302);
		return response.getRedirectedUrl();
	}

	private void awaitCompleted(String jobPage) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> text(get(jobPage + "/progress").with(REGULATOR)), p -> p.contains("\"done\":true"));
	}

	private String text(MockHttpServletRequestBuilder request) throws Exception {
		MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as(response.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
		return response.getContentAsString(StandardCharsets.UTF_8);
	}

	private int status(RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

}
