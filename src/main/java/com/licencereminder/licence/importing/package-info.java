/**
 * Import of licence lists: format and encoding detection, streaming CSV and XLSX readers,
 * header mapping, normalisation and validation of rows, the two-pass import job and its
 * error report.
 */
package com.licencereminder.licence.importing;
