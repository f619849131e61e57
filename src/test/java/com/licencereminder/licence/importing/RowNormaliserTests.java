package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.licencereminder.licence.importing.RowNormaliser.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowNormaliserTests {

	static final List<String> HEADER = LicenceListGenerator.HEADER;

	static final Header HEADER_ROW = Header.of(1, HEADER);

	final RowNormaliser normaliser = new RowNormaliser(HEADER_ROW, null);

	@Test
	void checkGivesTheVerdictOfNormaliseOnGeneratedRows(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("list.csv");
		new LicenceListGenerator(7).writeCsv(file, 3000, StandardCharsets.UTF_8);
		List<List<String>> rows = new ArrayList<>();
		SourceFiles.open(file).read((row, cells) -> rows.add(cells));
		List<List<String>> data = rows.subList(2, rows.size());

		for (int i = 0; i < data.size(); i++) {
			assertSameVerdict(i + 3, data.get(i));
		}
	}

	@Test
	void checkGivesTheVerdictOfNormaliseOnBrokenRows() {
		String valid = "91350100M000100Y43";
		List<List<String>> rows = List.of(row("", valid, "食品经营许可证", "JY1", "", "", "2027-01-01", "", "13812345678"),
				row("某店", "91350100M000100Y44", "食品经营许可证", "JY2", "", "", "2027-01-01", "", ""),
				row("某店", valid, "", "", "", "", "2027-02-30", "", "not a phone"),
				row("某店", valid, "食品经营许可证", "JY3", "", "abc", "长期", "", "123"),
				row("某店", valid, "食品经营许可证", "JY4", "", "", "", "", ""),
				row("某店", "", "食品经营许可证", "JY5", "", "", "2027-01-01", "", "0374-1234567"),
				row("", "", "", "", "", "", "", "", ""));

		for (int i = 0; i < rows.size(); i++) {
			assertSameVerdict(i + 3, rows.get(i));
		}
	}

	private void assertSameVerdict(int row, List<String> cells) {
		Outcome full = normaliser.normalise(row, cells);
		Outcome checked = normaliser.check(row, cells);
		if (full instanceof Outcome.Accepted accepted) {
			assertThat(checked).isEqualTo(new Outcome.Keyed(accepted.licence().id()));
		}
		else {
			assertThat(checked).as("row %d", row).isEqualTo(full);
		}
	}

	private static List<String> row(String... cells) {
		List<String> row = new ArrayList<>(Arrays.asList(cells));
		while (row.size() < HEADER.size()) {
			row.add("");
		}
		return row;
	}

}
