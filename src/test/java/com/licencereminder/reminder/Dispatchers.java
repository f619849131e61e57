package com.licencereminder.reminder;

import java.time.Clock;

import com.licencereminder.delivery.Deliveries;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Further dispatcher instances on the store of a test context, as other service instances would be. */
final class Dispatchers {

	private Dispatchers() {
	}

	/** Another instance with the context's settings. */
	static Dispatcher another(BeanFactory context) {
		return another(context, context.getBean(DispatchProperties.class));
	}

	/** Another instance with the given settings. */
	static Dispatcher another(BeanFactory context, DispatchProperties properties) {
		return new Dispatcher(context.getBean(MongoTemplate.class), context.getBean(Deliveries.class),
				context.getBean(ReminderPolicies.class), properties, context.getBean(SendWindows.class),
				context.getBean(TaskStops.class), context.getBean(FollowUps.class), context.getBean(Planner.class),
				context.getBean(EngineCounters.class), context.getBean(Clock.class), new SimpleMeterRegistry());
	}

}
