package com.licencereminder.reminder;

import java.util.Optional;

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
	 * The recipient on this channel: first mobile (SMS), first mobile else landline
	 * (VOICE), the imported openid (MINI_PROGRAM, which the dispatcher replaces by the
	 * one {@link BusinessConsent} grants).
	 */
	String recipient(Licence licence) {
		return switch (this) {
			case SMS -> licence.mobiles().get(0);
			case VOICE -> licence.reachableByText() ? licence.mobiles().get(0) : licence.landlines().get(0);
			case MINI_PROGRAM -> licence.wechatOpenId();
			case MANUAL -> null;
		};
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
