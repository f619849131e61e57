package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SourceFiles} decides format, encoding and delimiter from the content of a file,
 * never from its name.
 */
class SourceFilesTests {

	static final String CSV = "企业名称,证照名称,证照编号,有效期至\r\n许昌市魏都区同福面馆,食品经营许可证,JY1,2027-03-31\r\n";

	@TempDir
	Path dir;

	@Test
	void validUtf8IsReadAsUtf8() throws Exception {
		assertThat(open(CSV.getBytes(StandardCharsets.UTF_8)).description()).isEqualTo("CSV, UTF-8, delimiter ','");
	}

	@Test
	void gbkThatIsNotValidUtf8IsReadAsGb18030() throws Exception {
		TableReader reader = open(CSV.getBytes(Charset.forName("GBK")));

		assertThat(reader.description()).isEqualTo("CSV, GB18030, delimiter ','");
		assertThat(rows(reader).get(1)).containsExactly("许昌市魏都区同福面馆", "食品经营许可证", "JY1", "2027-03-31");
	}

	@Test
	void theWholeFileIsDecodedNotJustItsHead() throws Exception {
		ByteArrayOutputStream content = new ByteArrayOutputStream();
		content.writeBytes("holder,type,number,valid_until\r\n".getBytes(StandardCharsets.US_ASCII));
		content.writeBytes("a,b,c,2027-01-01\r\n".repeat(5_000).getBytes(StandardCharsets.US_ASCII));
		content.writeBytes("许昌市魏都区同福面馆,食品经营许可证,JY1,2027-03-31\r\n".getBytes(Charset.forName("GBK")));
		assertThat(content.size()).isGreaterThan(64 * 1024);

		TableReader reader = open(content.toByteArray());

		assertThat(reader.description()).isEqualTo("CSV, GB18030, delimiter ','");
		List<List<String>> rows = rows(reader);
		assertThat(rows.get(rows.size() - 1)).first().isEqualTo("许昌市魏都区同福面馆");
	}

	@Test
	void bytesValidInNeitherUtf8NorGb18030AreRefused() {
		byte[] content = ("企业名称,证照名称\r\n" + "甲").getBytes(StandardCharsets.UTF_8);
		byte[] broken = new byte[content.length + 2];
		System.arraycopy(content, 0, broken, 0, content.length);
		broken[content.length] = (byte) 0x80;
		broken[content.length + 1] = (byte) 0xFF;

		assertFailure(broken, "import.failure.encoding");
	}

	@Test
	void aUtf8BomIsSkippedSoTheFirstCellIsClean() throws Exception {
		TableReader reader = open(bom(CSV.getBytes(StandardCharsets.UTF_8), 0xEF, 0xBB, 0xBF));

		assertThat(reader.description()).isEqualTo("CSV, UTF-8 with BOM, delimiter ','");
		assertThat(rows(reader).get(0).get(0)).isEqualTo("企业名称");
	}

	@Test
	void aUtf16BomSelectsUtf16() throws Exception {
		TableReader reader = open(bom(CSV.getBytes(StandardCharsets.UTF_16LE), 0xFF, 0xFE));

		assertThat(reader.description()).isEqualTo("CSV, UTF-16LE with BOM, delimiter ','");
		assertThat(rows(reader).get(0)).containsExactly("企业名称", "证照名称", "证照编号", "有效期至");
	}

	@Test
	void aUtf8BomBeforeGbkContentIsRefused() {
		assertFailure(bom(CSV.getBytes(Charset.forName("GBK")), 0xEF, 0xBB, 0xBF), "import.failure.encoding-bom");
	}

	@Test
	void tabAndSemicolonDelimitersAreDetected() throws Exception {
		TableReader tabs = open(CSV.replace(',', '\t').getBytes(StandardCharsets.UTF_8));
		TableReader semicolons = open(CSV.replace(',', ';').getBytes(StandardCharsets.UTF_8));

		assertThat(tabs.description()).isEqualTo("CSV, UTF-8, delimiter '\\t'");
		assertThat(rows(tabs).get(1)).hasSize(4);
		assertThat(semicolons.description()).isEqualTo("CSV, UTF-8, delimiter ';'");
		assertThat(rows(semicolons).get(1)).containsExactly("许昌市魏都区同福面馆", "食品经营许可证", "JY1", "2027-03-31");
	}

	@Test
	void anOle2WorkbookIsRefusedAsXls() {
		byte[] xls = new byte[512];
		byte[] magic = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
		System.arraycopy(magic, 0, xls, 0, magic.length);

		assertFailure(xls, "import.failure.xls");
	}

	@Test
	void binaryContentIsRefusedWhateverTheName() {
		byte[] withNul = (CSV + "\0").getBytes(StandardCharsets.UTF_8);
		byte[] controls = new byte[200];
		for (int i = 0; i < controls.length; i++) {
			controls[i] = (byte) (i % 2 == 0 ? 'a' : 0x01);
		}

		assertFailure(withNul, "import.failure.binary");
		assertFailure(controls, "import.failure.binary");
	}

	@Test
	void aZipContainerIsReadAsXlsxAndAnEmptyFileIsRefused() throws Exception {
		Path xlsx = dir.resolve("list.csv");
		new LicenceListGenerator(1).writeXlsx(xlsx, 1);

		assertThat(SourceFiles.open(xlsx)).isInstanceOf(XlsxTableReader.class);
		assertFailure(new byte[0], "import.failure.empty");
	}

	private TableReader open(byte[] content) throws Exception {
		Path file = Files.createTempFile(dir, "list", ".csv");
		Files.write(file, content);
		return SourceFiles.open(file);
	}

	private void assertFailure(byte[] content, String code) {
		assertThatExceptionOfType(ImportFailure.class).isThrownBy(() -> open(content))
			.satisfies(failure -> assertThat(failure.code()).isEqualTo(code));
	}

	private static byte[] bom(byte[] content, int... bom) {
		byte[] out = new byte[bom.length + content.length];
		for (int i = 0; i < bom.length; i++) {
			out[i] = (byte) bom[i];
		}
		System.arraycopy(content, 0, out, bom.length, content.length);
		return out;
	}

	private static List<List<String>> rows(TableReader reader) throws Exception {
		List<List<String>> rows = new ArrayList<>();
		reader.read((row, cells) -> rows.add(List.copyOf(cells)));
		return rows;
	}

}
