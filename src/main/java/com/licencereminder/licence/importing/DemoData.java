package com.licencereminder.licence.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.licencereminder.licence.Licences;
import com.licencereminder.shared.EmbeddedStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the embedded store with an empty database, imports the sample list
 * ({@code licence-reminder.demo-data-file}) once, so the whole loop is visible at first
 * start. Never on a real MongoDB. Off with {@code licence-reminder.demo-data=false}.
 */
@Component
class DemoData {

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final ObjectProvider<EmbeddedStore> embedded;

	private final Licences licences;

	private final ImportJobRepository jobs;

	private final ImportQueue imports;

	private final boolean enabled;

	private final Path file;

	DemoData(ObjectProvider<EmbeddedStore> embedded, Licences licences, ImportJobRepository jobs, ImportQueue imports,
			@Value("${licence-reminder.demo-data:true}") boolean enabled,
			@Value("${licence-reminder.demo-data-file:./config/samples/licences-sample.csv}") Path file) {
		this.embedded = embedded;
		this.licences = licences;
		this.jobs = jobs;
		this.imports = imports;
		this.enabled = enabled;
		this.file = file;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Order(10)
	void importSampleIntoEmptyStore() throws IOException {
		if (!enabled || embedded.getIfAvailable() == null || licences.count() > 0 || jobs.count() > 0) {
			return;
		}
		if (!Files.isReadable(file)) {
			log.warn("Demo data file {} not found; starting with an empty registry", file.toAbsolutePath());
			return;
		}
		try (InputStream content = Files.newInputStream(file)) {
			ImportJob job = imports.submit(file.getFileName().toString(), content, null, "system");
			log.info("Empty embedded store: importing the sample list {} as import {}", file, job.id());
		}
		catch (DiskSpaceLow low) {
			log.warn("Not importing the sample list {}: the store's disk has {} free, less than the {} kept free", file,
					low.args().get(0), low.args().get(1));
		}
	}

}
