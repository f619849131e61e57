package com.licencereminder.licence.importing;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Import settings.
 *
 * @param maxFileSize the largest upload accepted (default 100MB)
 * @param workDir where uploads wait for processing
 * @param batchSize rows written per batch (one lookup and one bulk write each)
 */
@ConfigurationProperties("licence-reminder.imports")
record ImportProperties(@DefaultValue("100MB") DataSize maxFileSize, @DefaultValue("./data/imports") Path workDir,
		@DefaultValue("1000") int batchSize) {

	ImportProperties {
		if (batchSize < 1 || batchSize > 10_000) {
			throw new IllegalArgumentException(
					"licence-reminder.imports.batch-size must be between 1 and 10000, was " + batchSize);
		}
	}

}
