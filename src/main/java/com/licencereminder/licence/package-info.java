/**
 * The licence registry: licences identified by normalised (type, number), their import
 * from CSV and XLSX lists, and licence queries. Other modules read licences through
 * {@link com.licencereminder.licence.Licences} and learn of imported changes from
 * {@link com.licencereminder.licence.LicencesImported} and the planning mark
 * ({@link com.licencereminder.licence.LicencePlanning}). Knows nothing about channels.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Licences")
package com.licencereminder.licence;
