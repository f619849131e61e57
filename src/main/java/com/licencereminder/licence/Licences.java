package com.licencereminder.licence;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The licence registry. Licences are written only by imports; other modules read them.
 */
public interface Licences extends MongoRepository<Licence, String> {
}
