package com.licencereminder.business;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The businesses' door ({@code licence-reminder.business}).
 *
 * @param sessionTtl how long a mini-program session lasts
 * @param pageSessionTtl how long a session of the {@code /my} pages lasts
 * @param codeTtl how long an SMS verification code is valid
 * @param codeTries how many guesses one code allows
 * @param codesPerPhonePerMinute codes sent to one phone number per minute, at most
 * @param codesPerPhonePerDay codes sent to one phone number per day, at most
 * @param codesPerOpenIdPerDay codes one WeChat user may ask for per day, at most
 * @param codesPerAddressPerHour codes asked for from one client address per hour, at most
 * @param checksPerAddressPerHour codes tried from one client address per hour, at most
 * @param maxLicencesPerBinding licences one binding request binds, at most
 */
@ConfigurationProperties("licence-reminder.business")
record BusinessProperties(@DefaultValue("2h") Duration sessionTtl, @DefaultValue("30m") Duration pageSessionTtl,
		@DefaultValue("10m") Duration codeTtl, @DefaultValue("5") int codeTries,
		@DefaultValue("1") int codesPerPhonePerMinute, @DefaultValue("5") int codesPerPhonePerDay,
		@DefaultValue("10") int codesPerOpenIdPerDay, @DefaultValue("20") int codesPerAddressPerHour,
		@DefaultValue("30") int checksPerAddressPerHour, @DefaultValue("100") int maxLicencesPerBinding) {
}
