package com.licencereminder.licence.importing;

/** Where an import job is. */
enum ImportStatus {

	/** Accepted, waiting for the import worker. */
	QUEUED,

	/** Being scanned or written. */
	RUNNING,

	/** Every row is accepted or reported. */
	COMPLETED,

	/** The file could not be imported; see the failure. */
	FAILED

}
