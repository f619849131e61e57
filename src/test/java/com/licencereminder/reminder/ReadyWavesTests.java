package com.licencereminder.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ReadyWavesTests {

	/**
	 * Four threads take forty messages: each is made ready once and handed out once, no
	 * wave is larger than the four threads, and messages made ready but not yet done
	 * never outnumber them.
	 */
	@Test
	void everyMessageIsMadeReadyAndHandedOutOnceAndNeverMoreAreOutstandingThanThreads() throws Exception {
		List<Integer> messages = IntStream.range(0, 40).boxed().toList();
		List<Integer> waveSizes = new CopyOnWriteArrayList<>();
		List<Integer> handed = new CopyOnWriteArrayList<>();
		AtomicInteger outstanding = new AtomicInteger();
		AtomicInteger mostOutstanding = new AtomicInteger();
		ReadyWaves<Integer, Integer> waves = new ReadyWaves<>(messages, wave -> {
			waveSizes.add(wave.size());
			mostOutstanding.accumulateAndGet(outstanding.addAndGet(wave.size()), Math::max);
			return wave;
		}, () -> true, unsent -> {
			throw new AssertionError("nothing is given back while open");
		});
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> threads = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				threads.add(pool.submit(() -> {
					for (Integer one = waves.next(); one != null; one = waves.next()) {
						handed.add(one);
						outstanding.decrementAndGet();
					}
				}));
			}
			for (Future<?> thread : threads) {
				thread.get(10, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(handed).containsExactlyInAnyOrderElementsOf(messages);
		assertThat(waveSizes).allSatisfy(size -> assertThat(size).isBetween(1, 4));
		assertThat(waveSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
		assertThat(mostOutstanding.get()).isLessThanOrEqualTo(4);
	}

	@Test
	void onceTheBatchIsNoLongerOpenTheMessagesLeftAreGivenBackInsteadOfMadeReady() {
		AtomicBoolean open = new AtomicBoolean(true);
		List<List<Integer>> made = new ArrayList<>();
		List<List<Integer>> givenBack = new ArrayList<>();
		ReadyWaves<Integer, Integer> waves = new ReadyWaves<>(List.of(1, 2, 3, 4, 5), wave -> {
			made.add(wave);
			return wave;
		}, open::get, givenBack::add);

		assertThat(waves.next()).isEqualTo(1);
		open.set(false);

		assertThat(waves.next()).isNull();
		assertThat(made).containsExactly(List.of(1));
		assertThat(givenBack).containsExactly(List.of(2, 3, 4, 5));
		assertThat(waves.next()).isNull();
	}

}
