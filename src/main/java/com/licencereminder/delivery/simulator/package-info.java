/**
 * The simulator channel: records what would have been sent in {@code simulator_outbox}
 * and answers like a provider, so the embedded default works end to end without
 * credentials. Controlled through {@link com.licencereminder.delivery.SimulatorControl}.
 */
package com.licencereminder.delivery.simulator;
