package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.licencereminder.shared.ExportFiles;
import com.licencereminder.shared.TestStores;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * An import's error report of more rows than the store is read at a time arrives whole
 * and by row, in the API and the console, read page by page rather than all at once.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ImportReportStreamingTests {

	static final int ROWS = 1_207;

	@Autowired
	MockMvc mvc;

	@MockitoSpyBean
	MongoTemplate mongo;

	@BeforeEach
	void cleanStore() {
		TestStores.clear(mongo);
	}

	@Test
	void aReportOfSeveralStorePagesIsReadPageByPageAndSentWholeByRow() throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + IntStream.range(0, ROWS)
			.mapToObj(n -> ",食品经营许可证,N" + n + ",2027-03-01,\n")
			.collect(Collectors.joining());
		ImportApi api = new ImportApi(mvc);
		String id = api.upload("list.csv", csv.getBytes(StandardCharsets.UTF_8));
		Map<String, Object> job = api.awaitEnd(id);
		assertThat(job).containsEntry("status", "COMPLETED").containsEntry("rowsRejected", ROWS);
		clearInvocations(mongo);

		List<CSVRecord> fromApi = ExportFiles.csvRows(api.errors(id));
		String console = mvc.perform(get("/imports/" + id + "/errors").with(user("reg").roles("REGULATOR")))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		List<Integer> expected = IntStream.range(0, ROWS).mapToObj(n -> n + 2).toList();
		assertThat(fromApi).extracting(row -> Integer.valueOf(row.get("row"))).containsExactlyElementsOf(expected);
		assertThat(console).startsWith("\uFEFF");
		assertThat(ExportFiles.csvRows(console.substring(1))).extracting(row -> Integer.valueOf(row.get("row")))
			.containsExactlyElementsOf(expected);
		verify(mongo, atLeast(6)).find(any(Query.class), eq(ImportIssue.class));
	}

}
