package com.licencereminder.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.licencereminder.delivery.AmbiguousSends.Resolution;
import com.licencereminder.delivery.DeliveryAttempt.Ambiguity;
import com.licencereminder.delivery.DeliveryResult.Outcome;
import com.licencereminder.delivery.ReferenceClaims.Completion;
import com.licencereminder.shared.Masking;
import com.licencereminder.shared.StoreDurability;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * Delivers reminders: the only way the rest of the service sends anything. {@link #send}
 * renders the message, claims the reference ({@link ReferenceClaims}), records the
 * attempt {@code SENDING}, makes both durable ({@link StoreDurability#flush()}) before
 * the provider is called, sends through the channel's {@link ChannelSender} and records
 * the outcome. So a crash during the send leads at most to a repeat flagged as a possible
 * duplicate, never to an unrecorded first send ({@link #prepare} does the same for many
 * requests with one write of each kind and one flush); a send whose outcome is unknown is
 * resolved with the provider before the reference is sent again ({@link AmbiguousSends}).
 * The providers of a request are the {@link Routes} of its channel that reach its
 * recipient; when one fails over (its circuit is open, or it refused for an account or
 * configuration error: {@link FailureClass#failsOver()}), the same request goes to the
 * next, once each, as a new attempt of the same reference. Metrics
 * {@code delivery.attempts}, {@code delivery.send} and {@code delivery.failovers}, with
 * bounded tags, are described in docs/operations.md; log lines mask recipients.
 */
@Service
public class Deliveries {

	/** Error code of an SMS to a number on the opt-out list. */
	public static final String OPTED_OUT = "OPTED_OUT";

	/** Error code of a request whose reference has an attempt in flight. */
	public static final String IN_FLIGHT = DeliveryResult.IN_FLIGHT;

	private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

	/**
	 * Error codes kept as tag values: provider numbers (Twilio 21211, WeChat -1) and
	 * constants (NO_RESULT).
	 */
	private static final Pattern BOUNDED_ERROR_CODE = Pattern.compile("-?\\d{1,6}|[A-Z][A-Z0-9_]{0,31}");

	private final MongoTemplate mongo;

	private final Routes routes;

	private final MessageRenderer renderer;

	private final OptOuts optOuts;

	private final DeliveryProperties properties;

	private final ProviderGuard guard;

	private final MeterRegistry meters;

	private final Clock clock;

	private final StoreDurability durability;

	private final AmbiguousSends ambiguous;

	private final ReferenceClaims claims;

	private final ResultGroups results;

	Deliveries(MongoTemplate mongo, Routes routes, MessageRenderer renderer, OptOuts optOuts,
			DeliveryProperties properties, ProviderGuard guard, MeterRegistry meters, Clock clock,
			StoreDurability durability, AmbiguousSends ambiguous, ReferenceClaims claims, ResultGroups results) {
		this.mongo = mongo;
		this.results = results;
		this.durability = durability;
		this.ambiguous = ambiguous;
		this.claims = claims;
		this.guard = guard;
		this.routes = routes;
		this.renderer = renderer;
		this.optOuts = optOuts;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Sends one reminder, at most once per {@link DeliveryRequest#reference() reference}.
	 * <ul>
	 * <li>If an attempt with this reference was sent, its recorded result is returned and
	 * nothing is sent again.</li>
	 * <li>If an attempt with this reference is in flight (started less than
	 * {@code licence-reminder.delivery.in-flight-timeout} ago), a
	 * {@code TRANSIENT_FAILURE} with error code {@value #IN_FLIGHT} and that attempt's id
	 * is returned. An older one is taken to have been cut short by a crash: a new attempt
	 * is started and flagged as a possible duplicate.</li>
	 * <li>If the last attempt with this reference ended {@link DeliveryResult#ambiguous()
	 * ambiguous}, the provider is first asked whether it was sent after all
	 * ({@link ChannelSender#lookup}, at most
	 * {@code licence-reminder.delivery.lookup-timeout}). Sent: that attempt is recorded
	 * as sent and its {@code SENT} result returned; nothing is sent again. Not sent: a
	 * new attempt as below. No answer: a new attempt, flagged as a possible
	 * duplicate.</li>
	 * <li>Otherwise a new attempt is recorded and sent; an SMS to a number on the opt-out
	 * list fails permanently with error code {@value #OPTED_OUT} without reaching the
	 * provider.</li>
	 * <li>A send the provider's own limits for the recipient would refuse
	 * ({@link ChannelSender#takeSlot}) is refused like a rate-limited one, without an
	 * attempt: {@value DeliveryResult#RATE_LIMITED}, {@link DeliveryResult#deferred()
	 * deferred} until {@link DeliveryResult#notBefore()}, when the limit allows it; the
	 * slot is given back when nothing reached the provider or it refused. A provider's
	 * refusal for one of its limits carries, when the code tells, when that limit lifts
	 * ({@link FailureClass#limitLifts}).</li>
	 * <li>A provider that fails over passes the request to the next provider of the
	 * route, which records and sends a new attempt; the result is the last provider's. A
	 * recipient no routed provider reaches fails permanently with
	 * {@value Routes#NO_ROUTE}.</li>
	 * </ul>
	 * Provider errors never throw: they come back as {@code TRANSIENT_FAILURE} (retrying
	 * may help) or {@code PERMANENT_FAILURE}; a sender that throws is a
	 * {@code TRANSIENT_FAILURE} with the exception's class name as error code. A
	 * {@code TRANSIENT_FAILURE} that is {@link DeliveryResult#ambiguous() ambiguous} may
	 * have been sent: retrying with the same reference resolves that before anything is
	 * sent again, and {@link #possibleDuplicate} tells whether the retry's attempt was
	 * flagged.
	 * @param request what to send
	 * @return the outcome, with the attempt id
	 * @throws IllegalArgumentException for a request without reference, channel or
	 * recipient, or about a licence without expiry date
	 */
	public DeliveryResult send(DeliveryRequest request) {
		if (!wellFormed(request)) {
			throw new IllegalArgumentException("a delivery needs a reference, a channel and a recipient");
		}
		List<ChannelSender> route = routes.route(request.channel(), request.recipient());
		return onwards(request, route, 0, send(request, route.get(0)));
	}

	private static boolean wellFormed(DeliveryRequest request) {
		return request.reference() != null && !request.reference().isBlank() && request.channel() != null
				&& request.recipient() != null && !request.recipient().isBlank();
	}

	/**
	 * The result of a request sent through {@code route.get(at)}: that one's, or the next
	 * provider's while one {@link #failsOver fails over}.
	 */
	private DeliveryResult onwards(DeliveryRequest request, List<ChannelSender> route, int at, DeliveryResult first) {
		DeliveryResult result = first;
		for (int i = at; i + 1 < route.size() && failsOver(result); i++) {
			ChannelSender sender = route.get(i);
			ChannelSender next = route.get(i + 1);
			log.warn("{} {} to {} failed over from {} ({}: {}) to {}", request.channel(), request.reference(),
					mask(request.channel(), request.recipient()), sender.provider(), result.errorCode(),
					result.errorMessage(), next.provider());
			Counter.builder("delivery.failovers")
				.description("Sends passed on to the next provider, by channel and the provider that failed")
				.tag("channel", request.channel().name())
				.tag("provider", sender.provider())
				.register(meters)
				.increment();
			result = send(request, next);
		}
		return result;
	}

	/**
	 * Makes requests ready to be sent, each as {@link #send(DeliveryRequest)} sends it,
	 * with the writes due before any provider is called made together: the requests' new
	 * references claimed with one insert, their attempts recorded {@code SENDING} with
	 * one insert, and both made durable with one {@link StoreDurability#flush() flush}.
	 * {@link #send(Ready)} then sends one (on any thread) and returns what
	 * {@link #send(DeliveryRequest)} would. A request whose reference exists already (a
	 * retry, an attempt in flight or of unknown outcome), or that cannot be routed or
	 * rendered, takes that path when it is sent. A ready request that its provider's
	 * guard or per-recipient limits refuse when it is sent gets that refusal, and its
	 * attempt and reference are removed as if never made. An attempt's start is when it
	 * was made ready; one that waits half the {@code in-flight-timeout} or more renews
	 * its claim first, and when another request has taken the reference over meanwhile,
	 * its attempt is removed and the request takes the path of
	 * {@link #send(DeliveryRequest)} (which answers with that request's result, or that
	 * it is in flight).
	 * @throws RuntimeException when the store refuses the writes: nothing has been sent,
	 * and an attempt recorded by then is taken over as a possible duplicate after
	 * {@code licence-reminder.delivery.in-flight-timeout}
	 */
	public List<Ready> prepare(List<DeliveryRequest> requests) {
		Instant now = clock.instant();
		List<Ready> ready = new ArrayList<>(requests.size());
		List<DeliveryReference> references = new ArrayList<>();
		for (DeliveryRequest request : requests) {
			if (!wellFormed(request)) {
				ready.add(new Ready(request, null, null, null, now));
				continue;
			}
			List<ChannelSender> route;
			RenderedMessage message;
			try {
				route = routes.route(request.channel(), request.recipient());
				message = renderer.render(request, route.get(0));
			}
			catch (RuntimeException ex) {
				// send(DeliveryRequest) meets it again, for this request alone
				ready.add(new Ready(request, null, null, null, now));
				continue;
			}
			String attemptId = UUID.randomUUID().toString();
			ready.add(new Ready(request, route, message, attemptId, now));
			references.add(new DeliveryReference(request.reference(), attemptId, now, 1, null, null, null));
		}
		Set<String> existing = claims.claimNew(references);
		List<DeliveryAttempt> attempts = new ArrayList<>();
		for (int i = 0; i < ready.size(); i++) {
			Ready one = ready.get(i);
			if (one.attemptId == null) {
				continue;
			}
			if (existing.contains(one.request.reference())) {
				ready.set(i, new Ready(one.request, null, null, null, now));
				continue;
			}
			attempts.add(DeliveryAttempt.sending(one.attemptId, one.request, one.route.get(0).provider(), one.message,
					one.request.possibleDuplicate(), one.request.possibleDuplicate() ? "possible duplicate" : null,
					now));
		}
		if (!attempts.isEmpty()) {
			mongo.insert(attempts, DeliveryAttempt.class);
			durability.flush();
		}
		return ready;
	}

	/**
	 * Sends a request {@link #prepare made ready}, once; the same contract as
	 * {@link #send(DeliveryRequest)}. Its result is recorded with those of the sends
	 * answered meanwhile ({@link ResultGroups}: one write of each kind for them all), and
	 * made durable before the calling thread calls a provider again, usually by the
	 * commit that made its next request ready: so after a crash at most one send per
	 * sending thread can be repeated.
	 */
	public DeliveryResult send(Ready ready) {
		if (ready.attemptId == null) {
			return send(ready.request);
		}
		ChannelSender sender = ready.route.get(0);
		Optional<DeliveryResult> refused = admit(ready.request, sender, ready.message);
		DeliveryResult result;
		if (refused.isPresent()) {
			claims.withdraw(ready.request.reference(), ready.attemptId);
			result = refused.get();
		}
		else if (!stillHeld(ready)) {
			release(ready.request, sender, ready.message);
			claims.withdraw(ready.request.reference(), ready.attemptId);
			return send(ready.request);
		}
		else {
			result = counted(ready.request, sender,
					results.record(new Completion(ready.attemptId, ready.request.reference(), ready.started,
							deliver(ready.attemptId, ready.request, ready.message, sender, false))));
		}
		return onwards(ready.request, ready.route, 0, result);
	}

	/**
	 * Whether a ready request still holds its reference: after waiting half the
	 * {@code in-flight-timeout} since it was made ready, its claim is renewed, unless
	 * another request has taken it over (which it may after the whole timeout).
	 */
	private boolean stillHeld(Ready ready) {
		Instant now = clock.instant();
		return Duration.between(ready.started, now).compareTo(properties.inFlightTimeout().dividedBy(2)) < 0
				|| claims.renew(ready.request.reference(), ready.attemptId, now);
	}

	/**
	 * Whether the next provider should send what this one could not: its circuit is open,
	 * or it failed for a {@link FailureClass#failsOver() reason of its own} (account,
	 * configuration). Such a send certainly did not go out, so the reference is free.
	 */
	private static boolean failsOver(DeliveryResult result) {
		return result.outcome() == Outcome.TRANSIENT_FAILURE && (DeliveryResult.CIRCUIT_OPEN.equals(result.errorCode())
				|| FailureClass.of(result.errorCode()).failsOver());
	}

	/** {@link #send(DeliveryRequest)} through one provider. */
	private DeliveryResult send(DeliveryRequest request, ChannelSender sender) {
		RenderedMessage message = renderer.render(request, sender);
		Optional<DeliveryResult> refused = admit(request, sender, message);
		if (refused.isPresent()) {
			DeliveryReference known = mongo.findById(request.reference(), DeliveryReference.class);
			return known != null && known.sent() != null ? known.sent() : refused.get();
		}
		String attemptId = UUID.randomUUID().toString();
		Instant now = clock.instant();
		ReferenceClaims.Claim claim = claims.claim(request.reference(), attemptId, now);
		if (claim.answer() != null) {
			release(request, sender, message);
			return claim.answer();
		}
		Resolution resolution = claim.uncertainAttemptId() == null ? null : ambiguous.resolve(request.reference(),
				claim.uncertainAttemptId(), attemptId, request.channel(), routes.senders(request.channel()));
		if (resolution != null && resolution.sent() != null) {
			release(request, sender, message);
			return resolution.sent();
		}
		boolean unresolved = resolution != null && resolution.ambiguity() == Ambiguity.UNRESOLVED;
		boolean possibleDuplicate = request.possibleDuplicate() || claim.takeover() || unresolved;
		String duplicate = unresolved
				? "possible duplicate of attempt " + claim.uncertainAttemptId() + ", whose outcome is unknown"
				: possibleDuplicate ? "possible duplicate" : null;
		Instant started = resolution == null ? now : clock.instant();
		mongo.insert(DeliveryAttempt.sending(attemptId, request, sender.provider(), message, possibleDuplicate,
				duplicate, started));
		return completed(attemptId, request, sender, started, deliver(attemptId, request, message, sender, true));
	}

	/**
	 * Admits a send to the provider (a permit of its guard, a slot of its per-recipient
	 * limits), or the refusal to return instead.
	 */
	private Optional<DeliveryResult> admit(DeliveryRequest request, ChannelSender sender, RenderedMessage message) {
		Optional<DeliveryResult> refused = guard.admit(request.channel(), sender.provider());
		if (refused.isEmpty()) {
			Optional<Instant> wait = sender.takeSlot(request.recipient(), message);
			if (wait.isPresent()) {
				guard.release(request.channel(), sender.provider());
				refused = Optional
					.of(new DeliveryResult(Outcome.TRANSIENT_FAILURE, null, null, DeliveryResult.RATE_LIMITED,
							sender.provider() + "'s limit of sends to this number is reached; deferred", wait.get()));
			}
		}
		return refused;
	}

	/** Records the result of an attempt and counts it. */
	private DeliveryResult completed(String attemptId, DeliveryRequest request, ChannelSender sender, Instant started,
			DeliveryResult delivered) {
		return counted(request, sender, claims.complete(attemptId, request.reference(), started, delivered));
	}

	/** Counts the recorded result of an attempt. */
	private DeliveryResult counted(DeliveryRequest request, ChannelSender sender, DeliveryResult result) {
		Counter.builder("delivery.attempts")
			.description("Delivery attempts by channel, provider, outcome and class of failure")
			.tag("channel", request.channel().name())
			.tag("provider", sender.provider())
			.tag("outcome", result.outcome().name())
			.tag("failure", failureTag(result))
			.register(meters)
			.increment();
		return result;
	}

	/**
	 * The class of a failure as a tag: {@code none} when sent, the {@link FailureClass}
	 * of a classified code, else {@code other} (the service's own codes, Twilio's and
	 * WeChat's numbers).
	 */
	private static String failureTag(DeliveryResult result) {
		if (result.outcome() == Outcome.SENT) {
			return "none";
		}
		FailureClass failure = FailureClass.of(result.errorCode());
		return failure == FailureClass.UNKNOWN ? "other" : failure.name();
	}

	/**
	 * Gives back what admitting a send to the provider took (a permit of its guard, a
	 * slot of its per-number limits) when the send does not reach it.
	 */
	private void release(DeliveryRequest request, ChannelSender sender, RenderedMessage message) {
		guard.release(request.channel(), sender.provider());
		sender.giveBackSlot(request.recipient(), message);
	}

	/**
	 * Whether the attempt was flagged as a possible duplicate (it took over an attempt
	 * cut short by a crash, or followed one whose outcome the provider could not tell);
	 * false for an unknown attempt. The engine asks this after a takeover or an
	 * {@link DeliveryResult#ambiguous() ambiguous} failure, whose send may just have
	 * returned the recorded result of an earlier attempt without sending again.
	 */
	public boolean possibleDuplicate(String attemptId) {
		DeliveryAttempt attempt = attemptId == null ? null : mongo.findById(attemptId, DeliveryAttempt.class);
		return attempt != null && attempt.possibleDuplicate();
	}

	/**
	 * Calls the provider for a recorded attempt, after making the record durable when
	 * {@code flush} (else it is already, and the calling thread's last result is made
	 * durable if it is not yet: {@link ResultGroups#durableBeforeNextSend}).
	 */
	private DeliveryResult deliver(String attemptId, DeliveryRequest request, RenderedMessage message,
			ChannelSender sender, boolean flush) {
		if (request.channel() == Channel.SMS && optOuts.isOptedOut(request.recipient())) {
			release(request, sender, message);
			return new DeliveryResult(Outcome.PERMANENT_FAILURE, attemptId, null, OPTED_OUT,
					"The number opted out of text messages");
		}
		try {
			if (flush) {
				durability.flush();
			}
			else {
				results.durableBeforeNextSend();
			}
		}
		catch (RuntimeException ex) {
			release(request, sender, message);
			throw ex;
		}
		long started = System.nanoTime();
		DeliveryResult result = call(attemptId, request, message, sender);
		guard.record(request.channel(), sender.provider(), result, System.nanoTime() - started);
		if (result.outcome() != Outcome.SENT && !result.ambiguous()) {
			sender.giveBackSlot(request.recipient(), message);
		}
		return result;
	}

	private DeliveryResult call(String attemptId, DeliveryRequest request, RenderedMessage message,
			ChannelSender sender) {
		DeliveryResult result;
		Timer.Sample sample = Timer.start(meters);
		try {
			result = sender.send(attemptId, request.recipient(), message);
		}
		catch (RuntimeException ex) {
			sample.stop(sendTimer(request.channel(), sender, Outcome.TRANSIENT_FAILURE.name(), "exception"));
			log.warn("Sender {} for {} threw instead of reporting a failure (attempt {}, recipient {})",
					sender.provider(), request.channel(), attemptId, mask(request.channel(), request.recipient()),
					masked(ex));
			return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, ex.getClass().getName(),
					String.valueOf(ex.getMessage()));
		}
		sample.stop(sendTimer(request.channel(), sender,
				result == null || result.outcome() == null ? "NO_RESULT" : result.outcome().name(),
				result == null ? null : result.errorCode()));
		if (result == null || result.outcome() == null) {
			return new DeliveryResult(Outcome.TRANSIENT_FAILURE, attemptId, null, "NO_RESULT",
					"The sender returned no outcome");
		}
		Instant notBefore = result.notBefore() != null ? result.notBefore()
				: FailureClass.limitLifts(result.errorCode(), result.errorMessage(), clock.instant(), clock.getZone());
		return new DeliveryResult(result.outcome(), attemptId, result.providerId(), result.errorCode(),
				result.errorMessage(), notBefore);
	}

	private Timer sendTimer(Channel channel, ChannelSender sender, String outcome, String errorCode) {
		String code = errorCode == null ? "none"
				: "exception".equals(errorCode) || BOUNDED_ERROR_CODE.matcher(errorCode).matches() ? errorCode
						: "other";
		return Timer.builder("delivery.send")
			.description("Provider latency of one send, by channel, provider, outcome and error code")
			.tag("channel", channel.name())
			.tag("provider", sender.provider())
			.tag("outcome", outcome)
			.tag("errorCode", code)
			.register(meters);
	}

	/**
	 * The exception with phone numbers and tokens masked out of its message, keeping its
	 * stack trace.
	 */
	static RuntimeException masked(Throwable ex) {
		RuntimeException masked = new RuntimeException(ex.getClass().getName() + ": " + Masking.text(ex.getMessage()));
		masked.setStackTrace(ex.getStackTrace());
		return masked;
	}

	static String mask(Channel channel, String recipient) {
		return channel == Channel.MINI_PROGRAM ? Masking.openId(recipient) : Masking.phone(recipient);
	}

	/**
	 * A request {@link #prepare made ready} to be sent: its reference claimed and its
	 * attempt recorded durably; without an attempt id it takes the path of
	 * {@link Deliveries#send(DeliveryRequest)}.
	 */
	public static final class Ready {

		private final DeliveryRequest request;

		private final List<ChannelSender> route;

		private final RenderedMessage message;

		private final String attemptId;

		private final Instant started;

		private Ready(DeliveryRequest request, List<ChannelSender> route, RenderedMessage message, String attemptId,
				Instant started) {
			this.request = request;
			this.route = route;
			this.message = message;
			this.attemptId = attemptId;
			this.started = started;
		}

		/** The request made ready. */
		public DeliveryRequest request() {
			return this.request;
		}

	}

}
