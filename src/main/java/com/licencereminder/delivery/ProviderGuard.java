package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.licencereminder.delivery.DeliveryResult.Outcome;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Protects providers and the engine's retry budget, with Resilience4j (a well-kept,
 * dependency-free library: rate limiter and circuit breaker, no framework glue needed).
 * <ul>
 * <li>A rate limiter per channel paces sends to {@code *-per-second}; a send that gets no
 * permit within {@code rate-limit-wait} is refused with
 * {@value DeliveryResult#RATE_LIMITED}.</li>
 * <li>A circuit breaker per channel and provider opens when transient failures exceed
 * {@code failure-rate-threshold} percent; while open, sends are refused with
 * {@value DeliveryResult#CIRCUIT_OPEN} without calling the provider. Permanent failures
 * are about the recipient, not the provider, and count as successes; an account or
 * configuration error opens the circuit at once ({@link #record}).</li>
 * </ul>
 * A refused send records no attempt; the engine defers it without counting it as a try.
 * Gauge {@code delivery.circuit.state} (0 closed, 1 open, 2 half-open) per provider.
 */
@Component
class ProviderGuard {

	private final ResilienceProperties properties;

	private final Map<Channel, RateLimiter> limiters = new EnumMap<>(Channel.class);

	private final CircuitBreakerRegistry breakers;

	private final Map<String, CircuitBreaker> byProvider = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private final Clock clock;

	private final Map<String, Problem> problems = new ConcurrentHashMap<>();

	ProviderGuard(ResilienceProperties properties, MeterRegistry meters, Clock clock) {
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
		for (Channel channel : Channel.values()) {
			limiters.put(channel,
					RateLimiter.of("delivery-" + channel,
							RateLimiterConfig.custom()
								.limitForPeriod(properties.perSecond(channel))
								.limitRefreshPeriod(Duration.ofSeconds(1))
								.timeoutDuration(properties.rateLimitWait())
								.build()));
		}
		breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.failureRateThreshold(properties.failureRateThreshold())
			.minimumNumberOfCalls(properties.minimumCalls())
			.slidingWindowSize(properties.slidingWindow())
			.waitDurationInOpenState(properties.openFor())
			.permittedNumberOfCallsInHalfOpenState(3)
			.build());
	}

	/** A permit to call the provider, or the refusal to return instead. */
	Optional<DeliveryResult> admit(Channel channel, String provider) {
		CircuitBreaker breaker = breaker(channel, provider);
		if (!breaker.tryAcquirePermission()) {
			return Optional.of(refusal(DeliveryResult.CIRCUIT_OPEN,
					"The " + provider + " " + channel + " circuit is open after repeated failures; deferred"));
		}
		if (!limiters.get(channel).acquirePermission()) {
			breaker.releasePermission();
			return Optional.of(refusal(DeliveryResult.RATE_LIMITED,
					"No " + channel + " send permit within " + properties.rateLimitWait() + "; deferred"));
		}
		return Optional.empty();
	}

	/** Gives back an admission that did not lead to a provider call. */
	void release(Channel channel, String provider) {
		breaker(channel, provider).releasePermission();
	}

	/**
	 * Records what the provider did with an admitted send. A failure that is the
	 * provider's own ({@link FailureClass#failsOver()}: account or configuration) opens
	 * its circuit at once, counts {@code delivery.provider.problems} and is remembered as
	 * the provider's {@link #problems() last problem}; a provider's limit
	 * ({@link FailureClass#RATE_LIMITED}) is about the recipient and counts as a success.
	 */
	void record(Channel channel, String provider, DeliveryResult result, long nanos) {
		CircuitBreaker breaker = breaker(channel, provider);
		FailureClass failure = FailureClass.of(result.errorCode());
		if (result.outcome() != Outcome.TRANSIENT_FAILURE || failure == FailureClass.RATE_LIMITED) {
			breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
			return;
		}
		breaker.onError(nanos, TimeUnit.NANOSECONDS, new ProviderFailure(result.errorCode()));
		if (failure.failsOver()) {
			if (breaker.getState() != CircuitBreaker.State.OPEN) {
				breaker.transitionToOpenState();
			}
			problems.put(channel + ":" + provider, new Problem(channel, provider, failure, result.errorCode(),
					result.errorMessage(), clock.instant()));
			Counter.builder("delivery.provider.problems")
				.description("Account and configuration errors of a provider, which open its circuit: alert on any")
				.tag("channel", channel.name())
				.tag("provider", provider)
				.tag("class", failure.name())
				.register(meters)
				.increment();
		}
	}

	/**
	 * The last account or configuration error of each provider and channel, newest first.
	 */
	List<Problem> problems() {
		return problems.values().stream().sorted(Comparator.comparing(Problem::at).reversed()).toList();
	}

	/**
	 * An account or configuration error of a provider.
	 *
	 * @param channel the channel
	 * @param provider the provider
	 * @param failure its class
	 * @param code the provider's code
	 * @param message the provider's message
	 * @param at when
	 */
	record Problem(Channel channel, String provider, FailureClass failure, String code, String message, Instant at) {
	}

	CircuitBreaker.State state(Channel channel, String provider) {
		return breaker(channel, provider).getState();
	}

	private CircuitBreaker breaker(Channel channel, String provider) {
		return byProvider.computeIfAbsent(channel + ":" + provider, name -> {
			CircuitBreaker breaker = breakers.circuitBreaker(name);
			Gauge.builder("delivery.circuit.state", breaker, b -> switch (b.getState()) {
				case CLOSED -> 0;
				case OPEN, FORCED_OPEN -> 1;
				case HALF_OPEN -> 2;
				default -> 3;
			}).tag("channel", channel.name()).tag("provider", provider).register(meters);
			return breaker;
		});
	}

	private static DeliveryResult refusal(String code, String message) {
		return new DeliveryResult(Outcome.TRANSIENT_FAILURE, null, null, code, message);
	}

	/** A transient provider failure, as the circuit breaker counts it. */
	private static final class ProviderFailure extends RuntimeException {

		ProviderFailure(String code) {
			super(code, null, false, false);
		}

	}

}
