package com.licencereminder.licence;

/**
 * Published when a licence list was uploaded and its import queued.
 *
 * @param importId the import job
 * @param fileName the name the uploader gave the file
 * @param licenceType the licence type given for every row, or null
 * @param submittedBy who uploaded it
 */
public record ImportSubmitted(String importId, String fileName, String licenceType, String submittedBy) {
}
