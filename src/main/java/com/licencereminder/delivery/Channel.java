package com.licencereminder.delivery;

/** The channels a reminder can be delivered on. */
public enum Channel {

	/** A text message to a mobile number. */
	SMS,

	/** A WeChat mini-program subscribe message to an openid. */
	MINI_PROGRAM,

	/** An automated call to a mobile or landline number. */
	VOICE

}
