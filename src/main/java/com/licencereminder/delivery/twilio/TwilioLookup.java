package com.licencereminder.delivery.twilio;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import com.licencereminder.delivery.ChannelSender.Lookup;
import com.licencereminder.delivery.DeliveryResult;
import com.twilio.base.Page;
import com.twilio.base.Reader;
import com.twilio.base.Resource;
import com.twilio.exception.TwilioException;

/**
 * Finds the message or call of an attempt whose outcome is unknown in a Twilio list
 * ({@code GET
 * .../Messages.json}, {@code .../Calls.json}), filtered by the caller. Reads at most
 * {@value #MAX_PAGES} pages of {@value #PAGE_SIZE}: none matching in the whole list is
 * {@link Lookup#notSent()}, exactly one is {@link Lookup#sent}, and several, a longer
 * list, or a request that fails is {@link Lookup#unknown}. Never throws.
 */
public final class TwilioLookup {

	/** Records asked for per page. */
	public static final long PAGE_SIZE = 50;

	/** Pages read at most. */
	public static final int MAX_PAGES = 4;

	private TwilioLookup() {
	}

	/**
	 * Searches the list.
	 * @param reader the list, filtered as Twilio can (recipient, sender), with
	 * {@link #PAGE_SIZE}
	 * @param account the account whose client reads it
	 * @param matches whether a record is the attempt's
	 * @param sid the record's id
	 */
	public static <T extends Resource> Lookup find(Reader<T> reader, TwilioAccount account, Predicate<T> matches,
			Function<T, String> sid) {
		List<String> found = new ArrayList<>();
		try {
			Page<T> page = reader.firstPage(account.client());
			for (int pages = 1;; pages++) {
				page.getRecords().stream().filter(matches).map(sid).forEach(found::add);
				if (!page.hasNextPage()) {
					break;
				}
				if (pages == MAX_PAGES) {
					return Lookup.unknown("more than " + MAX_PAGES * PAGE_SIZE + " records to search");
				}
				page = reader.nextPage(page, account.client());
			}
		}
		catch (TwilioException ex) {
			DeliveryResult failure = TwilioErrors.failure(null, ex);
			return Lookup.unknown("the lookup failed: " + failure.errorCode() + " " + failure.errorMessage());
		}
		catch (RuntimeException ex) {
			return Lookup.unknown("the lookup failed: " + ex.getClass().getName());
		}
		return switch (found.size()) {
			case 0 -> Lookup.notSent();
			case 1 -> Lookup.sent(found.get(0));
			default -> Lookup.unknown(found.size() + " matching records: " + String.join(", ", found));
		};
	}

	/** Whether Twilio created the record between the two instants (inclusive). */
	public static boolean createdBetween(ZonedDateTime created, Instant after, Instant before) {
		return created != null && !created.toInstant().isBefore(after) && !created.toInstant().isAfter(before);
	}

}
