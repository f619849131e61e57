package com.licencereminder.shared;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code TransactionTemplate} a Spring Modulith {@code Scenario} publishes its events
 * in, for a store without transactions (the embedded store has none, and the service
 * publishes its events outside any): it begins, commits and rolls back nothing, so events
 * reach their listeners as they do in the running service.
 */
@TestConfiguration(proxyBeanMethods = false)
public class NoTransactions {

	@Bean
	TransactionTemplate transactionTemplate() {
		return new TransactionTemplate(new AbstractPlatformTransactionManager() {

			@Override
			protected Object doGetTransaction() {
				return new Object();
			}

			@Override
			protected void doBegin(Object transaction, TransactionDefinition definition) {
				// nothing to begin
			}

			@Override
			protected void doCommit(DefaultTransactionStatus status) {
				// nothing to commit
			}

			@Override
			protected void doRollback(DefaultTransactionStatus status) {
				// nothing to roll back
			}

		});
	}

}
