package com.licencereminder.licence.importing;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/** Import jobs, newest first in listings. */
interface ImportJobRepository extends MongoRepository<ImportJob, String> {

	List<ImportJob> findByStatusIn(List<ImportStatus> statuses);

	Page<ImportJob> findAllByOrderBySubmittedAtDesc(Pageable pageable);

}
