package com.licencereminder.licence.importing;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.licencereminder.shared.ExportFiles;
import org.apache.commons.csv.CSVRecord;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Drives the import API like a client: upload, wait for the job to end, read the job and
 * its error and warning reports. Other modules' tests use it to import their fixtures.
 */
public final class ImportApi {

	static final String USER = "admin";

	static final String PASSWORD = "test-secret";

	private final MockMvc mvc;

	public ImportApi(MockMvc mvc) {
		this.mvc = mvc;
	}

	/** Uploads the file and returns the job id (after checking the 202). */
	public String upload(String fileName, byte[] content) throws Exception {
		String body = mvc
			.perform(multipart("/api/imports").file(new MockMultipartFile("file", fileName, null, content))
				.with(httpBasic(USER, PASSWORD)))
			.andExpect(status().isAccepted())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		return JsonPath.read(body, "$.id");
	}

	/**
	 * Uploads the file, waits until its job is COMPLETED or FAILED, and returns the job.
	 */
	public Map<String, Object> importAndWait(String fileName, byte[] content) throws Exception {
		String id = upload(fileName, content);
		return awaitEnd(id);
	}

	public Map<String, Object> awaitEnd(String id) {
		return await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> job(id), job -> "COMPLETED".equals(job.get("status")) || "FAILED".equals(job.get("status")));
	}

	Map<String, Object> job(String id) throws Exception {
		String body = getText("/api/imports/" + id, "en");
		return JsonPath.read(body, "$");
	}

	String errors(String id) throws Exception {
		return getText("/api/imports/" + id + "/errors", "en");
	}

	String warnings(String id) throws Exception {
		return getText("/api/imports/" + id + "/warnings", "en");
	}

	/** The records of a report with header {@code row,column,value,message}. */
	static List<CSVRecord> parseCsv(String csv) throws IOException {
		return ExportFiles.csvRows(csv);
	}

	String getText(String path, String language) throws Exception {
		return mvc.perform(get(path).header("Accept-Language", language).with(httpBasic(USER, PASSWORD)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
