package com.licencereminder.licence;

import java.util.List;

/**
 * Published after each batch an import wrote: the licences it created or changed, for the
 * reminder engine to (re-)plan. Unchanged licences are not listed, unless they still
 * await planning ({@link LicencePlanning}).
 *
 * @param importId the import job
 * @param licenceIds the licences created or updated in this batch
 */
public record LicencesImported(String importId, List<String> licenceIds) {
}
