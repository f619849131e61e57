package com.licencereminder.delivery;

/**
 * The WeChat mini-program's account API, for the module that signs businesses in: the
 * {@code wx.login} code exchanged for the user's openid ({@code jscode2session}) and the
 * {@code getPhoneNumber} code for a WeChat-verified phone number
 * ({@code getuserphonenumber}, with the access token the subscribe messages use). The app
 * secret, the access token and the session key never leave the delivery module, and none
 * of them, nor a code, openid or phone number, is logged. Present only when the
 * mini-program is configured ({@code licence-reminder.wechat.app-id}, {@code app-secret}
 * and {@code template-id}).
 */
public interface MiniProgramAccounts {

	/**
	 * Exchanges a {@code wx.login} code for the user's identity.
	 * @throws Refused when WeChat refuses the code (40029 invalid, 40163 used, 45011 too
	 * frequent, 40226 risky user, -1 busy) or cannot be reached
	 * ({@link Refused#UNREACHABLE})
	 */
	Login login(String code);

	/**
	 * Exchanges a {@code getPhoneNumber} code for the phone number WeChat verified, as
	 * WeChat writes it (with its country code when not Chinese).
	 * @throws Refused as {@link #login}
	 */
	String phoneNumber(String phoneCode);

	/**
	 * A WeChat user of the mini-program.
	 *
	 * @param openId the user's openid for this mini-program
	 * @param unionId the user's unionid, or null when WeChat gave none
	 */
	record Login(String openId, String unionId) {
	}

	/** WeChat refused or could not be asked; {@link #errcode()} says which. */
	final class Refused extends RuntimeException {

		/** The errcode of a WeChat that could not be reached or answered nonsense. */
		public static final int UNREACHABLE = -2;

		private final int errcode;

		public Refused(int errcode, String message) {
			super(message);
			this.errcode = errcode;
		}

		/** WeChat's errcode, or {@link #UNREACHABLE}. */
		public int errcode() {
			return errcode;
		}

	}

}
