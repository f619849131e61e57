package com.licencereminder.shared.store;

import com.licencereminder.shared.StoreDurability;
import com.licencereminder.shared.StoreSpace;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/**
 * Stores {@code java.time} values with the driver's own codecs: a {@code LocalDate}
 * becomes midnight UTC of that day, whatever the server's time zone, so dates compare and
 * sort the same on every instance. On MongoDB {@link StoreDurability} has nothing to do:
 * an acknowledged write is held by {@code mongod} under the server's default write
 * concern (the service sets none).
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return MongoCustomConversions.create(conversions -> conversions.useNativeDriverJavaTimeCodecs());
	}

	@Bean
	@ConditionalOnExpression("!'${spring.mongodb.uri:}'.isEmpty()")
	StoreDurability mongoStoreDurability() {
		return () -> {
		};
	}

	/** On MongoDB the server's disk is not the service's to see. */
	@Bean
	@ConditionalOnExpression("!'${spring.mongodb.uri:}'.isEmpty()")
	StoreSpace mongoStoreSpace() {
		return () -> StoreSpace.Reading.UNKNOWN;
	}

}
