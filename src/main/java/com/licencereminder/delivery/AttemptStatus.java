package com.licencereminder.delivery;

/** Where a delivery attempt is. */
enum AttemptStatus {

	/** Recorded, handed to the provider, no answer yet. */
	SENDING,

	/** The provider accepted it. */
	SENT,

	/** Not sent: the provider refused it or could not be reached, or it was not allowed (opted out). */
	FAILED

}
