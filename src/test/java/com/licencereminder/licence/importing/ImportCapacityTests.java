package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.licencereminder.licence.Licence;
import com.licencereminder.shared.StoreSpace;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What an import does at the embedded store's limits: a list that would bring the store
 * past {@code embedded-mongo.max-licences} (here 3) is refused before anything is
 * written, counting the licences it adds, not its rows; a disk that runs low while an
 * import runs stops it after the batch being written.
 */
@SpringBootTest(
		properties = { "licence-reminder.embedded-mongo.max-licences=3", "licence-reminder.imports.batch-size=1" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ImportCapacityTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	RunningLow disk;

	@BeforeEach
	void clear() {
		TestStores.clear(mongo);
		disk.lowFrom.set(Long.MAX_VALUE);
	}

	@Test
	void aListBeyondTheEmbeddedStoreIsRefusedBeforeAnythingIsWrittenPointingToMongoDb() throws Exception {
		Map<String, Object> job = importList(1, 4);

		assertThat(job).containsEntry("status", "FAILED");
		assertThat((String) job.get("failure")).contains("4 licences", "max-licences", "MongoDB", "spring.mongodb.uri",
				"Nothing was written");
		assertThat(mongo.count(new Query(), Licence.class)).isZero();
	}

	@Test
	void whatCountsIsTheLicencesTheListAddsToThoseStored() throws Exception {
		assertThat(importList(1, 2)).containsEntry("status", "COMPLETED");

		assertThat(importList(1, 3)).as("two stored, one added: three").containsEntry("status", "COMPLETED");
		Map<String, Object> over = importList(3, 4);

		assertThat(over).containsEntry("status", "FAILED");
		assertThat((String) over.get("failure")).contains("would hold 4");
		assertThat(mongo.count(new Query(), Licence.class)).isEqualTo(3);
	}

	@Test
	void anImportStopsWhenTheDiskRunsLowWhileItRuns() throws Exception {
		disk.lowFrom.set(1);

		Map<String, Object> job = importList(1, 3);

		assertThat(job).containsEntry("status", "FAILED");
		assertThat((String) job.get("failure")).contains("stopped after 1 rows", "min-free-disk");
		assertThat(mongo.count(new Query(), Licence.class)).as("the first batch, written before the disk ran low")
			.isEqualTo(1);
	}

	/** Imports licences JY{from}..JY{to} and waits for the job's end. */
	private Map<String, Object> importList(int from, int to) throws Exception {
		String csv = "企业名称,证照名称,证照编号,有效期至\n" + IntStream.rangeClosed(from, to)
			.mapToObj(n -> "店" + n + ",食品经营许可证,JY" + n + ",2027-01-01\n")
			.collect(Collectors.joining());
		return new ImportApi(mvc).importAndWait("list.csv", csv.getBytes(StandardCharsets.UTF_8));
	}

	/** A disk that runs low once the store holds {@code lowFrom} licences. */
	static class RunningLow implements StoreSpace {

		final AtomicLong lowFrom = new AtomicLong(Long.MAX_VALUE);

		final MongoTemplate mongo;

		RunningLow(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		@Override
		public Reading read() {
			long free = mongo.count(new Query(), Licence.class) >= lowFrom.get() ? 1L << 20 : 10L << 30;
			return new Reading("/store", free, 2L << 30, 0, Map.of());
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Disk {

		@Bean
		@Primary
		RunningLow runningLow(MongoTemplate mongo) {
			return new RunningLow(mongo);
		}

	}

}
