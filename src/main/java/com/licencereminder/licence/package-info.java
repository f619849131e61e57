/**
 * The licence registry: licences identified by normalised (type, number), their import from CSV and
 * XLSX lists, and licence queries. Publishes {@link com.licencereminder.licence.LicencesImported},
 * {@link com.licencereminder.licence.LicenceRenewed} and
 * {@link com.licencereminder.licence.LicenceTerminated} for the reminder engine. Knows nothing
 * about channels.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Licences")
package com.licencereminder.licence;
