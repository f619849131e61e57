/**
 * The store: the embedded mongo-java-server when no {@code spring.mongodb.uri} is set
 * (its H2 backend, extended so that a query naming its documents by {@code _id} among
 * other conditions uses the {@code _id} index, and the non-unique indexes the modules
 * declare are kept in memory and used), and a health check that works on it and on a real
 * MongoDB.
 */
package com.licencereminder.shared.store;
