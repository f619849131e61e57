package com.licencereminder.reminder;

import java.time.Clock;

import com.licencereminder.delivery.Deliveries;
import com.licencereminder.licence.Licences;
import com.licencereminder.reminder.followup.FollowUps;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Further dispatcher instances on the store of a test context, as other service instances
 * would be.
 */
final class Dispatchers {

	private Dispatchers() {
	}

	/** Another instance with the context's settings. */
	static Dispatcher another(BeanFactory context) {
		return another(context, context.getBean(DispatchProperties.class));
	}

	/**
	 * Another instance with the given settings: its own lease owner name, its own
	 * metrics.
	 */
	static Dispatcher another(BeanFactory context, DispatchProperties properties) {
		return another(context, properties, claims(context, properties));
	}

	/** The leases of another instance, with the context's settings. */
	static Claims claims(BeanFactory context) {
		return claims(context, context.getBean(DispatchProperties.class));
	}

	private static Claims claims(BeanFactory context, DispatchProperties properties) {
		return new Claims(context.getBean(MongoTemplate.class), properties, context.getBean(Clock.class));
	}

	/** Another instance holding its leases through {@code claims}. */
	static Dispatcher another(BeanFactory context, DispatchProperties properties, Claims claims) {
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		Clock clock = context.getBean(Clock.class);
		EngineMetrics metrics = new EngineMetrics(new SimpleMeterRegistry());
		Outcomes outcomes = new Outcomes(mongo, context.getBean(Deliveries.class), context.getBean(Licences.class),
				context.getBean(ReminderPolicies.class), context.getBean(SendWindows.class),
				context.getBean(FollowUps.class), properties, metrics, clock);
		return new Dispatcher(mongo, claims, outcomes, context.getBean(Deliveries.class),
				context.getBean(Licences.class), properties, context.getBean(SendWindows.class),
				context.getBean(TaskStops.class), context.getBean(Planner.class), metrics,
				context.getBean(EngineCounters.class), context.getBeanProvider(BusinessConsent.class), clock);
	}

}
