package com.licencereminder.licence;

/**
 * Lets other modules add a section to a licence's detail ({@code GET /api/licences/{id}}
 * and the console's {@code /licences/{id}}) without the licence module knowing them: the
 * reminder engine adds the reminder tasks, delivery adds the delivery attempts.
 */
public interface LicenceDetailSection {

	/** The JSON property the section appears under (e.g. {@code reminders}). */
	String name();

	/**
	 * The section's content for one licence, serialisable as JSON.
	 * @param licence the licence
	 * @param fullContacts whether the caller may see phone numbers and openids unmasked
	 */
	Object contentFor(Licence licence, boolean fullContacts);

	/**
	 * The template (e.g. {@code reminder/licence-section}) holding a fragment
	 * {@code section} that renders this section on the console's licence page, with
	 * {@link #contentFor} as the variable {@code section} (and the page's {@code zone},
	 * {@code me} and {@code licence}); {@code null} when the section is not shown in the
	 * console.
	 */
	default String consoleTemplate() {
		return null;
	}

}
