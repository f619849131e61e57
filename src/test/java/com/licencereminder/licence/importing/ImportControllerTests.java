package com.licencereminder.licence.importing;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.InputStream;
import java.util.Optional;

import com.licencereminder.shared.security.SecuritySlice;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The import API's answers to uploads it cannot take and imports it does not have; none
 * of them submits anything.
 */
@WebMvcTest(ImportController.class)
@Import(SecuritySlice.class)
class ImportControllerTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ImportQueue imports;

	@MockitoBean
	ImportJobRepository jobs;

	@MockitoBean
	ImportReports reports;

	@Test
	void anUploadWithoutAFilePartIsABadRequestNamingIt() throws Exception {
		mvc.perform(multipart("/api/imports")
			.file(new MockMultipartFile("document", "list.csv", "text/csv", "a,b".getBytes()))
			.with(httpBasic("regulator", SecuritySlice.PASSWORD)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("file")));
		verify(imports, never()).submit(anyString(), any(InputStream.class), any(), anyString());
	}

	@Test
	void anUploadThatIsNotMultipartIsRefusedAsAnUnsupportedType() throws Exception {
		mvc.perform(post("/api/imports").contentType(MediaType.APPLICATION_JSON)
			.content("{\"file\": \"list.csv\"}")
			.with(httpBasic("regulator", SecuritySlice.PASSWORD))).andExpect(status().isUnsupportedMediaType());
		verify(imports, never()).submit(anyString(), any(InputStream.class), any(), anyString());
	}

	@Test
	void operatorsMayNotImport() throws Exception {
		mvc.perform(
				multipart("/api/imports").file(new MockMultipartFile("file", "list.csv", "text/csv", "a".getBytes()))
					.with(httpBasic("operator", SecuritySlice.PASSWORD)))
			.andExpect(status().isForbidden());
		verify(imports, never()).submit(anyString(), any(InputStream.class), any(), anyString());
	}

	@Test
	void anUnknownImportAndItsReportsAreNotFound() throws Exception {
		when(jobs.findById("nope")).thenReturn(Optional.empty());
		for (String path : new String[] { "/api/imports/nope", "/api/imports/nope/errors",
				"/api/imports/nope/warnings" }) {
			mvc.perform(get(path).with(httpBasic("regulator", SecuritySlice.PASSWORD)))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.detail").value(containsString("nope")));
		}
	}

}
