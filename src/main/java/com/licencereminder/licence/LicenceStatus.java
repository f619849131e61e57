package com.licencereminder.licence;

/**
 * The status a licence list states for a licence. {@link #CANCELLED}, {@link #REVOKED}
 * and {@link #WITHDRAWN} end the licence: nothing is reminded for it any more.
 */
public enum LicenceStatus {

	/** 有效: in force. */
	VALID,

	/** 过期: the list says it has lapsed. */
	EXPIRED,

	/** 注销: cancelled, usually on the holder's request. */
	CANCELLED,

	/** 吊销: revoked as a sanction. */
	REVOKED,

	/** 撤销: withdrawn because it was granted wrongly. */
	WITHDRAWN;

	/** Whether the licence has ended for good (cancelled, revoked or withdrawn). */
	public boolean isTerminated() {
		return this == CANCELLED || this == REVOKED || this == WITHDRAWN;
	}

}
