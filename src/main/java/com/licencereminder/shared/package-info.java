/**
 * Cross-cutting pieces every module may use: the clock, masking of personal data, the
 * user {@link com.licencereminder.shared.Role}s, and the facts about the store. Its
 * sub-packages wire the embedded MongoDB, the web layer and security and are not used
 * directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package com.licencereminder.shared;
