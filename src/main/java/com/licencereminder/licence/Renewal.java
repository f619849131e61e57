package com.licencereminder.licence;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A renewal as the registry records it on the licence (its {@code renewals}, oldest
 * first): an import moved the licence's last valid day later, starting cycle
 * {@code cycle}.
 *
 * @param cycle the cycle the renewal started
 * @param previousValidUntil the old cycle's last valid day
 * @param validUntil the new last valid day, or {@code null} when the licence no longer
 * expires
 * @param importId the import that brought the new date
 * @param renewedAt when that import wrote it
 * @param beforeExpiry whether it was written on or before the old last valid day (in the
 * service's time zone): the licence was renewed in time, without a day out of validity in
 * the registry
 */
public record Renewal(int cycle, LocalDate previousValidUntil, LocalDate validUntil, String importId, Instant renewedAt,
		boolean beforeExpiry) {
}
