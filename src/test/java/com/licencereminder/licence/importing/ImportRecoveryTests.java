package com.licencereminder.licence.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import com.licencereminder.licence.Licence;
import com.licencereminder.shared.StoreSpace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.ActiveProfiles;

/**
 * Jobs interrupted by a restart are run again from their stored file (on a shared store
 * only once their runner's heartbeat is stale), and a job runs once even when it is
 * started twice.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ActiveProfiles("test")
class ImportRecoveryTests {

	static final String CSV = "企业名称,证照名称,证照编号,有效期至,联系电话\n" + "甲店,食品经营许可证,JY1,2027-01-01,13812345678\n"
			+ "乙店,食品经营许可证,JY2,2027-01-01,13812345679\n";

	@Autowired
	MongoTemplate mongo;

	@Autowired
	ImportQueue imports;

	@Autowired
	ImportRunner importer;

	@Autowired
	ImportProperties properties;

	@Autowired
	ImportJobRepository jobs;

	@Autowired
	ApplicationEventPublisher events;

	@BeforeEach
	void cleanStore() {
		mongo.dropCollection(Licence.class);
		mongo.dropCollection(ImportJob.class);
		mongo.dropCollection(ImportIssue.class);
	}

	@Test
	void aJobLeftRunningByACrashIsRunAgainAtStart() throws Exception {
		Path stored = Files.createDirectories(properties.workDir()).resolve("crashed.upload");
		Files.writeString(stored, CSV, StandardCharsets.UTF_8);
		ImportJob crashed = mongo.insert(
				ImportJob.queued("crashed", "list.csv", CSV.length(), null, "admin", stored.toString(), Instant.now()));
		mongo.updateFirst(Query.query(Criteria.where("_id").is(crashed.id())),
				new Update().set("status", ImportStatus.RUNNING), ImportJob.class);

		imports.resumeInterrupted();

		ImportJob done = await().atMost(Duration.ofSeconds(30))
			.until(() -> mongo.findById("crashed", ImportJob.class), job -> job.status() == ImportStatus.COMPLETED);
		assertThat(done.created()).isEqualTo(2);
		assertThat(mongo.count(new Query(), Licence.class)).isEqualTo(2);
		assertThat(stored).doesNotExist();
	}

	@Test
	void aJobWhoseFileIsGoneAndThatMadeNoProgressForLongIsFailedWithAMessage() {
		mongo.insert(ImportJob.queued("lost", "list.csv", 10, null, "admin", "/nonexistent/lost.upload",
				Instant.now().minus(Duration.ofHours(2))));

		imports.resumeInterrupted();

		ImportJob lost = mongo.findById("lost", ImportJob.class);
		assertThat(lost.status()).isEqualTo(ImportStatus.FAILED);
		assertThat(lost.failure().code()).isEqualTo("import.failure.interrupted");
	}

	@Test
	void onASharedStoreARunningJobIsLeftToItsRunnerUntilItsHeartbeatIsStale() throws Exception {
		Path stored = Files.createDirectories(properties.workDir()).resolve("elsewhere.upload");
		Files.writeString(stored, CSV, StandardCharsets.UTF_8);
		mongo.insert(ImportJob.queued("elsewhere", "list.csv", CSV.length(), null, "admin", stored.toString(),
				Instant.now()));
		mongo.updateFirst(Query.query(Criteria.where("_id").is("elsewhere")),
				new Update().set("status", ImportStatus.RUNNING).set("heartbeatAt", Instant.now()), ImportJob.class);
		ImportQueue sharedStore = new ImportQueue(jobs, importer, properties, mongo, events, Clock.systemUTC(),
				Optional.empty(), () -> StoreSpace.Reading.UNKNOWN);
		try {
			sharedStore.resumeInterrupted();
			assertThat(mongo.findById("elsewhere", ImportJob.class).status()).isEqualTo(ImportStatus.RUNNING);
			assertThat(mongo.count(new Query(), Licence.class)).isZero();

			mongo.updateFirst(Query.query(Criteria.where("_id").is("elsewhere")),
					new Update().set("heartbeatAt", Instant.now().minus(ImportQueue.STALE).minusSeconds(1)),
					ImportJob.class);
			sharedStore.takeOverStale();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> mongo.findById("elsewhere", ImportJob.class).status() == ImportStatus.COMPLETED);
			assertThat(mongo.count(new Query(), Licence.class)).isEqualTo(2);
		}
		finally {
			sharedStore.stop();
		}
	}

	@Test
	void aJobStartedTwiceRunsOnce() throws Exception {
		Path stored = Files.createDirectories(properties.workDir()).resolve("twice.upload");
		Files.writeString(stored, CSV, StandardCharsets.UTF_8);
		mongo.insert(
				ImportJob.queued("twice", "list.csv", CSV.length(), null, "admin", stored.toString(), Instant.now()));

		importer.run("twice");
		importer.run("twice");

		ImportJob job = mongo.findById("twice", ImportJob.class);
		assertThat(job.status()).isEqualTo(ImportStatus.COMPLETED);
		assertThat(job.created()).isEqualTo(2);
		assertThat(job.unchanged()).isZero();
	}

}
