/**
 * Cross-cutting pieces every module may use: the clock, masking of personal data, and the facts
 * about the store. Its sub-packages wire the embedded MongoDB and security and are not used directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package com.licencereminder.shared;
