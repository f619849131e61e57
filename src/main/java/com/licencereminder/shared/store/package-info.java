/**
 * The store: the embedded mongo-java-server when no {@code spring.mongodb.uri} is set, and a
 * health check that works on it and on a real MongoDB.
 */
package com.licencereminder.shared.store;
