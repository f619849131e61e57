package com.licencereminder.reminder;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.licencereminder.delivery.Channel;
import com.licencereminder.delivery.DeliveryResult;
import com.licencereminder.licence.Licence;

/**
 * What the businesses agreed to, as the engine asks it for each batch and send;
 * implemented by the module that keeps the businesses' bindings and subscriptions.
 * Without an implementation, the engine sends mini-program messages to the openid the
 * list imported ({@link #IMPORTED_OPENIDS}).
 */
public interface BusinessConsent {

	/** No bindings, no withdrawals: the imported openid, if any, is the recipient. */
	BusinessConsent IMPORTED_OPENIDS = new BusinessConsent() {

		@Override
		public Map<String, Set<Channel>> withdrawals(Collection<String> licenceIds) {
			return Map.of();
		}

		@Override
		public Optional<Grant> take(Licence licence) {
			return Optional.ofNullable(licence.wechatOpenId()).map(openId -> new Grant(openId, null));
		}

		@Override
		public void settle(Grant grant, DeliveryResult result) {
		}

	};

	/**
	 * The channels a business bound to each of the licences withdrew its consent to: the
	 * licences' reminders on them are skipped. Asked once for a claimed batch, in a fixed
	 * number of reads whatever its size.
	 * @return the withdrawn channels by licence id; licences without any are absent
	 */
	Map<String, Set<Channel>> withdrawals(Collection<String> licenceIds);

	/**
	 * Takes the consent for one mini-program message about the licence: an openid bound
	 * to it that may receive one, its one-time quota (if that is what allows it) taken in
	 * the same atomic write, so that two dispatchers never spend one quota twice.
	 * @return the recipient, or empty when no openid may receive a message
	 */
	Optional<Grant> take(Licence licence);

	/**
	 * Settles a grant by what became of its send: a quota is kept when WeChat accepted
	 * the message or may have ({@link DeliveryResult#ambiguous() ambiguous}), set to zero
	 * when WeChat answered 43101, and given back otherwise (including {@code result}
	 * null: the send was never made).
	 */
	void settle(Grant grant, DeliveryResult result);

	/**
	 * Consent for one message.
	 *
	 * @param openId the recipient
	 * @param quota the quota taken (a key the implementation understands), or null when
	 * consent did not need one
	 */
	record Grant(String openId, String quota) {
	}

}
