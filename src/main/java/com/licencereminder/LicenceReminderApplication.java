package com.licencereminder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Licence Reminder: imports licence lists and reminds businesses before their licences
 * expire.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LicenceReminderApplication {

	public static void main(String[] args) {
		SpringApplication.run(LicenceReminderApplication.class, args);
	}

}
