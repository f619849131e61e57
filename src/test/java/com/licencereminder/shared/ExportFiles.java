package com.licencereminder.shared;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;

/**
 * Test helpers that read exports: CSV records, a sheet's row, a download from a server.
 */
public final class ExportFiles {

	private ExportFiles() {
	}

	/** The records of a CSV file (without a byte order mark), by its header. */
	public static List<CSVRecord> csvRows(String csv) throws IOException {
		return CSVFormat.RFC4180.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))
			.getRecords();
	}

	/** The text of the row's cells. */
	public static List<String> cells(Row row) {
		List<String> values = new ArrayList<>();
		row.forEach(cell -> values.add(cell.getStringCellValue()));
		return values;
	}

	/**
	 * A download from the server at the port as the test profile's administrator, through
	 * a real connection (so a transfer the server aborts is an {@link IOException}).
	 */
	public static HttpResponse<String> downloadAsAdmin(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString("admin:test-secret".getBytes(StandardCharsets.UTF_8)))
			.timeout(Duration.ofSeconds(60))
			.build();
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.build()
			.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

}
