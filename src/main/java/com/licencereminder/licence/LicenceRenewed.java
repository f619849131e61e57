package com.licencereminder.licence;

import java.time.LocalDate;

/**
 * Published when an import moves a licence's {@code validUntil} later: a renewal. The old cycle's
 * pending reminders are void; a new cycle starts.
 *
 * @param licenceId the licence
 * @param previousValidUntil the old last valid day ({@code null} if it had none)
 * @param validUntil the new last valid day ({@code null} when it no longer expires)
 * @param cycle the new cycle number
 */
public record LicenceRenewed(String licenceId, LocalDate previousValidUntil, LocalDate validUntil, int cycle) {
}
