package com.licencereminder.licence;

/**
 * Published when an import states that a licence was cancelled, revoked or withdrawn
 * (注销/吊销/撤销): nothing more is reminded for it.
 *
 * @param licenceId the licence
 * @param status the terminating status
 */
public record LicenceTerminated(String licenceId, LicenceStatus status) {
}
