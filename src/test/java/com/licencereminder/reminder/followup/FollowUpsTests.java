package com.licencereminder.reminder.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.licencereminder.licence.Licence;
import com.licencereminder.licence.LicenceBuilder;
import com.licencereminder.shared.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Opening items (one licence or many in one write, each once), and the work queue's
 * pages: open items before done ones, each oldest first, whichever page the boundary
 * between them falls on.
 */
@SpringBootTest
@ActiveProfiles("test")
class FollowUpsTests {

	static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

	@Autowired
	FollowUps followUps;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void clear() {
		TestStores.clear(mongo);
	}

	@Test
	void theWholeListPagesThroughOpenItemsThenDoneItemsEachOldestFirst() {
		int[] openAges = { 3, 9, 1, 7, 5 };
		int[] doneAges = { 2, 8, 4, 6 };
		IntStream.range(0, openAges.length).forEach(i -> insert("open-" + i, FollowUp.Status.OPEN, openAges[i]));
		IntStream.range(0, doneAges.length).forEach(i -> insert("done-" + i, FollowUp.Status.DONE, doneAges[i]));

		List<String> listed = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			followUps.list(null, page, 2).forEach(item -> listed.add(item.id()));
		}

		assertThat(listed).containsExactly("open-1", "open-3", "open-4", "open-0", "open-2", "done-1", "done-3",
				"done-2");
		assertThat(followUps.list(null, 4, 2)).extracting(FollowUp::id).containsExactly("done-0");
		assertThat(followUps.list(null, 5, 2)).isEmpty();
		assertThat(followUps.list(FollowUp.Status.DONE, 1, 3)).extracting(FollowUp::id).containsExactly("done-0");
	}

	@Test
	void openingManyPutsEachOnTheListOnceAndLeavesItemsAlreadyThereAsTheyAre() {
		Licence worked = LicenceBuilder.valid("卫生许可证", "W1", LocalDate.of(2026, 1, 1)).mobiles("13800138000").build();
		Licence fresh = LicenceBuilder.valid("卫生许可证", "W2", LocalDate.of(2026, 1, 2)).build();
		Licence lapsedToo = LicenceBuilder.valid("卫生许可证", "W3", LocalDate.of(2026, 1, 3)).build();
		String workedId = FollowUp.idOf(worked.id(), worked.cycle(), FollowUp.Reason.EXPIRED);
		mongo.insert(new FollowUp(workedId, worked.id(), worked.cycle(), FollowUp.Reason.EXPIRED, "店", null, List.of(),
				"卫生许可证", "W1", worked.validUntil(), FollowUp.Status.DONE, List.of(), T0));

		followUps.open(List.of(worked, fresh, lapsedToo, fresh), FollowUp.Reason.EXPIRED);

		List<FollowUp> items = mongo.findAll(FollowUp.class);
		assertThat(items).extracting(FollowUp::licenceId)
			.containsExactlyInAnyOrder(worked.id(), fresh.id(), lapsedToo.id());
		assertThat(mongo.findById(workedId, FollowUp.class).status()).as("the worked item kept")
			.isEqualTo(FollowUp.Status.DONE);
		assertThat(items).filteredOn(item -> !item.id().equals(workedId))
			.allSatisfy(item -> assertThat(item.status()).isEqualTo(FollowUp.Status.OPEN))
			.allSatisfy(item -> assertThat(item.reason()).isEqualTo(FollowUp.Reason.EXPIRED));
	}

	void insert(String id, FollowUp.Status status, int daysOld) {
		mongo.insert(new FollowUp(id, "licence-" + id, 1, FollowUp.Reason.UNREACHABLE, "店", null, List.of(), "卫生许可证",
				id, LocalDate.of(2026, 4, 1), status, List.of(), T0.minus(Duration.ofDays(daysOld))));
	}

}
