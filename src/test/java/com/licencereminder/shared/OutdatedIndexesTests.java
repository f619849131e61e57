package com.licencereminder.shared;

import java.util.List;

import com.licencereminder.shared.store.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

/**
 * {@link OutdatedIndexes} on the embedded store: an outdated index is dropped, another
 * stays, and a drop another instance made first is no error.
 */
class OutdatedIndexesTests {

	private final TestStores.InMemoryStore store = TestStores.inMemory();

	private final IndexOperations indexes = this.store.template().indexOps("things");

	@AfterEach
	void stop() {
		this.store.close();
	}

	@Test
	void anOutdatedIndexIsDroppedAndAnotherStays() {
		this.indexes.createIndex(new Index().on("a", Direction.ASC).named("a"));
		this.indexes.createIndex(new Index().on("b", Direction.ASC).named("b"));

		OutdatedIndexes.drop(this.indexes, "a", index -> true);
		OutdatedIndexes.drop(this.indexes, "b", index -> false);
		OutdatedIndexes.drop(this.indexes, "none", index -> true);

		assertThat(names()).doesNotContain("a").contains("b");
	}

	@Test
	void anIndexAnotherInstanceDroppedFirstIsNoError() {
		this.indexes.createIndex(new Index().on("a", Direction.ASC).named("a"));
		List<IndexInfo> seen = this.indexes.getIndexInfo();
		this.indexes.dropIndex("a");
		assertThatThrownBy(() -> this.indexes.dropIndex("a")).isInstanceOf(DataAccessException.class);
		IndexOperations late = spy(this.indexes);
		doReturn(seen).doCallRealMethod().when(late).getIndexInfo();

		OutdatedIndexes.drop(late, "a", index -> true);

		verify(late).dropIndex("a");
		assertThat(names()).doesNotContain("a");
	}

	@Test
	void aDropThatFailsWhileTheIndexIsStillThereIsThrown() {
		this.indexes.createIndex(new Index().on("a", Direction.ASC).named("a"));
		IndexOperations failing = spy(this.indexes);
		doThrow(new DataAccessResourceFailureException("store unreachable")).when(failing).dropIndex("a");

		assertThatThrownBy(() -> OutdatedIndexes.drop(failing, "a", index -> true)).hasMessage("store unreachable");
		assertThat(names()).contains("a");
	}

	private List<String> names() {
		return this.indexes.getIndexInfo().stream().map(IndexInfo::getName).toList();
	}

}
