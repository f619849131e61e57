package com.licencereminder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
 * The modules stay honest: no cycles, and no module reaches into another's internals. The module
 * documentation in {@code docs/modules} is written from the same model at every run (a change of
 * the modules shows as a change of those files): a diagram of all modules (PlantUML and SVG), one
 * per module, and a canvas per module listing its API, events and configuration.
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
		new Documenter(MODULES, Options.defaults().withOutputFolder(DOCS.toString()))
			.writeModulesAsPlantUml(diagrams)
			.writeIndividualModulesAsPlantUml(diagrams)
			.writeModuleCanvases(CanvasOptions.defaults());
		Path all = DOCS.resolve("components.puml");
		Path svg = DOCS.resolve("components.svg");
		render(all, svg);

		assertThat(Files.readString(all)).contains("==Licences", "==Reminders", "==Delivery", "==Console", "==Audit", "==Users",
				"==Shared");
		assertThat(Files.readString(svg)).startsWith("<svg").contains("Reminders");
		assertThat(DOCS.resolve("module-reminder.adoc")).exists();
	}

	/** Renders the diagram with PlantUML's own layout engine (smetana), so no Graphviz is needed. */
	private static void render(Path puml, Path svg) throws IOException {
		String source = Files.readString(puml).replaceFirst("@startuml(.*)\\R", "@startuml$1\n!pragma layout smetana\n");
		try (OutputStream out = Files.newOutputStream(svg)) {
			new SourceStringReader(source).outputImage(out, new FileFormatOption(FileFormat.SVG));
		}
	}

}
