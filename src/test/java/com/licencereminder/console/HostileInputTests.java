package com.licencereminder.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.licencereminder.licence.importing.ImportApi;
import com.licencereminder.shared.Role;
import com.licencereminder.shared.TestStores;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Hostile values travel the whole way — imported from a list, reminded through the
 * simulator, shown in the console and exported as evidence — and stay harmless: markup is
 * shown as text and a formula comes out of every export as inert text.
 */
@SpringBootTest(
		properties = { "licence-reminder.send-windows.enabled=false", "licence-reminder.dispatch.poll-interval=1s" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class HostileInputTests {

	static final String SCRIPT = "<script>alert(1)</script>";

	static final String FORMULA = "=HYPERLINK(\"http://evil.example\",\"点击\")";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void importHostileHolders() throws Exception {
		TestStores.clear(mongo);
		LocalDate inAWeek = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7);
		String csv = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + "\"" + SCRIPT + "\",食品经营许可证,JY1," + inAWeek + ",13812345671\n"
				+ "\"" + FORMULA.replace("\"", "\"\"") + "\",食品经营许可证,JY2," + inAWeek + ",13812345672\n";
		assertThat(new ImportApi(mvc).importAndWait("hostile.csv", csv.getBytes(StandardCharsets.UTF_8)))
			.containsEntry("status", "COMPLETED")
			.containsEntry("rowsAccepted", 2);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> page(get("/deliveries")), log -> log.contains("&lt;script&gt;") && log.contains("HYPERLINK"));
	}

	@Test
	void markupIsShownAsTextOnEveryPage() throws Exception {
		for (String path : List.of("/licences", "/deliveries", "/outbox")) {
			String html = page(get(path));
			assertThat(html).as(path).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain(SCRIPT);
		}
	}

	@Test
	void theCsvExportCarriesTheFormulaAsInertText() throws Exception {
		String csv = new String(mvc.perform(get("/deliveries/export.csv").with(operator()))
			.andReturn()
			.getResponse()
			.getContentAsByteArray(), StandardCharsets.UTF_8);

		assertThat(csv).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(", "\"=HYPERLINK(");
	}

	@Test
	void theXlsxExportHasNoFormulaCellAndTheFormulaAsInertText() throws Exception {
		byte[] xlsx = mvc.perform(get("/deliveries/export.xlsx").with(operator()))
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		List<String> texts = new ArrayList<>();
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			for (Row row : workbook.getSheetAt(0)) {
				for (Cell cell : row) {
					assertThat(cell.getCellType()).isNotEqualTo(CellType.FORMULA);
					if (cell.getCellType() == CellType.STRING) {
						texts.add(cell.getStringCellValue());
					}
				}
			}
		}
		assertThat(texts).anyMatch(text -> text.startsWith("'=HYPERLINK(")).noneMatch(text -> text.startsWith("="));
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return mvc.perform(request.with(operator()))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static RequestPostProcessor operator() {
		return user("operator").roles(Role.OPERATOR.name());
	}

}
