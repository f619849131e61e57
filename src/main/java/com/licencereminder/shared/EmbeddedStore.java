package com.licencereminder.shared;

/**
 * Present as a bean only when the service runs on its embedded MongoDB-compatible store
 * (no {@code spring.mongodb.uri} set). Modules use it to decide on behaviour that only
 * makes sense for a local demo, such as loading the sample licence list into an empty
 * database.
 *
 * @param connectionString the loopback address of the embedded store
 * @param location the file the store persists to, or {@code "memory"}
 * @param maxLicences the most licences it is meant to hold
 * ({@code licence-reminder.embedded-mongo.max-licences}): an import that would bring more
 * is refused before it writes anything, pointing to MongoDB
 */
public record EmbeddedStore(String connectionString, String location, long maxLicences) {
}
