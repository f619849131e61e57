package com.licencereminder.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receives what a domestic provider pushes (receipts, replies, call results): checks the
 * path's token and the sender's address ({@link WebhookToken}: otherwise 404, nothing
 * changed), reads the body as JSON (not JSON, or not the shape the provider pushes: a 400
 * problem) and hands each element to the provider's action. An element the action finds
 * nothing for is acknowledged all the same (so the provider stops pushing it), counted
 * ({@code delivery.webhooks.unmatched}, by provider and kind) and logged with the
 * provider's id only, never the phone number. The answer is the provider's own.
 */
@Component
public class Pushes {

	private static final Logger log = LoggerFactory.getLogger(Pushes.class);

	private final WebhookToken token;

	private final MeterRegistry meters;

	Pushes(WebhookToken token, MeterRegistry meters) {
		this.token = token;
		this.meters = meters;
	}

	/**
	 * Receives one push.
	 * @param from the provider's way of pushing
	 * @param kind what is pushed (the path's last part), for metrics and logs
	 * @param candidate the token in the path
	 * @param address the sender's address
	 * @param body the request body, or null
	 * @param action what to do with one element; false when it is about nothing known
	 */
	public ResponseEntity<?> receive(Provider from, String kind, String candidate, String address, String body,
			Action action) {
		if (!token.admits(candidate, address)) {
			return ResponseEntity.notFound().build();
		}
		JsonNode root;
		try {
			root = body == null ? null : JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			root = null;
		}
		if (root == null || !(root.isArray() || (from.singleObjects() && root.isObject()))) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
					"The body is not the JSON " + from.name() + " pushes");
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		List<JsonNode> elements = new ArrayList<>();
		if (root.isArray()) {
			root.forEach(elements::add);
		}
		else {
			elements.add(root);
		}
		for (JsonNode element : elements) {
			if (!element.isObject() || !action.apply(element)) {
				Counter.builder("delivery.webhooks.unmatched")
					.description("Pushed elements acknowledged without a known attempt, by provider and kind")
					.tag("provider", from.provider())
					.tag("kind", kind)
					.register(meters)
					.increment();
				log.warn("{} {} about an unknown attempt or without the fields it needs ({})", from.name(), kind,
						element.isObject() ? from.idOf().apply(element) : null);
			}
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(from.answer());
	}

	/** The field as text, or null when it is missing, blank or not a scalar. */
	public static String text(JsonNode element, String field) {
		JsonNode value = element.get(field);
		return value == null || !value.isValueNode() || value.isNull() || !StringUtils.hasText(value.asString()) ? null
				: value.asString().strip();
	}

	/** The value, or {@code otherwise} when it is null. */
	public static String orElse(String value, String otherwise) {
		return value != null ? value : otherwise;
	}

	/**
	 * How a provider pushes.
	 *
	 * @param provider its name in the delivery log and metrics
	 * @param name its name in messages
	 * @param answer what it expects back for every push
	 * @param singleObjects whether a push may be one JSON object rather than an array
	 * @param idOf its id in an element, for the log of an unmatched one (never a phone
	 * number)
	 */
	public record Provider(String provider, String name, Map<String, Object> answer, boolean singleObjects,
			Function<JsonNode, String> idOf) {
	}

	/** What to do with one pushed element. */
	@FunctionalInterface
	public interface Action {

		/** False when the element is about nothing known. */
		boolean apply(JsonNode element);

	}

}
