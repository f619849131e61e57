package com.licencereminder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import net.sourceforge.plantuml.FileFormat;
import net.sourceforge.plantuml.FileFormatOption;
import net.sourceforge.plantuml.SourceStringReader;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.modulith.docs.Documenter.Options;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules stay honest: no cycles, and no module reaches into another's internals. The
 * module documentation in {@code docs/modules} is written from the same model at every
 * run (a change of the modules shows as a change of those files): a diagram of all
 * modules (PlantUML and SVG), one per module, and a canvas per module listing its API,
 * events and configuration.
 */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(LicenceReminderApplication.class);

	static final Path DOCS = Path.of("docs", "modules");

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void theModuleDocumentationIsWrittenToDocs() throws IOException {
		DiagramOptions diagrams = DiagramOptions.defaults().withStyle(DiagramStyle.UML);
		new Documenter(MODULES, Options.defaults().withOutputFolder(DOCS.toString())).writeModulesAsPlantUml(diagrams)
			.writeIndividualModulesAsPlantUml(diagrams)
			.writeModuleCanvases(CanvasOptions.defaults());
		try (var files = Files.list(DOCS)) {
			for (Path file : files.toList()) {
				Files.writeString(file, inStableOrder(Files.readString(file)));
			}
		}
		Path all = DOCS.resolve("components.puml");
		Path svg = DOCS.resolve("components.svg");
		render(all, svg);

		assertThat(Files.readString(all)).contains("==Licences", "==Reminders", "==Delivery", "==Console", "==Audit",
				"==Users", "==Shared");
		assertThat(Files.readString(svg)).startsWith("<svg").contains("Reminders");
		assertThat(DOCS.resolve("module-reminder.adoc")).exists();
	}

	/**
	 * The documentation with its unordered lists sorted: the Documenter lists
	 * relationships and events in no stable order, which would change the committed files
	 * at every run.
	 */
	static String inStableOrder(String text) {
		List<String> lines = text.lines().toList();
		List<String> out = new ArrayList<>();
		for (int i = 0; i < lines.size();) {
			if (!listed(lines.get(i))) {
				out.add(lines.get(i++));
				continue;
			}
			String first = lines.get(i).startsWith("|") ? "|" : "";
			List<String> run = new ArrayList<>();
			while (i < lines.size() && listed(lines.get(i)) && (run.isEmpty() || !lines.get(i).startsWith("|"))) {
				run.add(lines.get(i++).replaceFirst("^\\|", ""));
			}
			Collections.sort(run);
			run.set(0, first + run.get(0));
			out.addAll(run);
		}
		return String.join("\n", out) + "\n";
	}

	private static boolean listed(String line) {
		return line.contains(" --> ") || line.startsWith("* ") || line.startsWith("|* ");
	}

	/**
	 * Renders the diagram with PlantUML's own layout engine (smetana), so no Graphviz is
	 * needed.
	 */
	private static void render(Path puml, Path svg) throws IOException {
		String source = Files.readString(puml)
			.replaceFirst("@startuml(.*)\\R", "@startuml$1\n!pragma layout smetana\n");
		try (OutputStream out = Files.newOutputStream(svg)) {
			new SourceStringReader(source).outputImage(out, new FileFormatOption(FileFormat.SVG));
		}
	}

}
