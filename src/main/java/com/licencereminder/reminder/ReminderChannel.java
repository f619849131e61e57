package com.licencereminder.reminder;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.licencereminder.delivery.Channel;
import com.licencereminder.licence.Licence;

/**
 * What a reminder stage does: send on a delivery channel, or hand the licence to staff
 * (MANUAL).
 */
enum ReminderChannel {

	SMS(Channel.SMS),

	MINI_PROGRAM(Channel.MINI_PROGRAM),

	VOICE(Channel.VOICE),

	/** A manual follow-up item: staff phone or visit. */
	MANUAL(null);

	private final Channel delivery;

	ReminderChannel(Channel delivery) {
		this.delivery = delivery;
	}

	/** The delivery channel, empty for {@link #MANUAL}. */
	Optional<Channel> delivery() {
		return Optional.ofNullable(delivery);
	}

	/**
	 * Whether the licence has the contact this channel needs (MANUAL always can). The
	 * mini-program always may: a business can bind its WeChat at any time, so whether an
	 * openid may receive the message is asked when it is due ({@link BusinessConsent}).
	 */
	boolean canReach(Licence licence) {
		return switch (this) {
			case SMS -> licence.reachableByText();
			case VOICE -> licence.reachableByCall();
			case MINI_PROGRAM, MANUAL -> true;
		};
	}

	/**
	 * The recipient on this channel: the first mobile (SMS), the first mobile else
	 * landline (VOICE), the imported openid (MINI_PROGRAM, which the dispatcher replaces
	 * by the one {@link BusinessConsent} grants).
	 */
	String recipient(Licence licence) {
		return recipient(licence, List.of());
	}

	/**
	 * The first of the licence's contacts on this channel (SMS: mobiles; VOICE: mobiles,
	 * then landlines; MINI_PROGRAM: the imported openid) that is not one of
	 * {@code wrong}; null when there is none.
	 */
	String recipient(Licence licence, Collection<String> wrong) {
		List<String> contacts = switch (this) {
			case SMS -> orNone(licence.mobiles());
			case VOICE ->
				Stream.concat(orNone(licence.mobiles()).stream(), orNone(licence.landlines()).stream()).toList();
			case MINI_PROGRAM -> licence.wechatOpenId() == null ? List.of() : List.of(licence.wechatOpenId());
			case MANUAL -> List.of();
		};
		return contacts.stream().filter(contact -> !wrong.contains(contact)).findFirst().orElse(null);
	}

	private static List<String> orNone(List<String> numbers) {
		return numbers == null ? List.of() : numbers;
	}

	/** The message code saying which contact is missing. */
	String missingContactCode() {
		return switch (this) {
			case SMS -> "reminder.skip.no-mobile";
			case MINI_PROGRAM -> "reminder.skip.no-subscription";
			case VOICE -> "reminder.skip.no-phone";
			case MANUAL -> "reminder.skip.none";
		};
	}

}
