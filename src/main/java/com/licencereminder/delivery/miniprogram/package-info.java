/**
 * WeChat mini-program subscribe messages: the {@code stable_token} access token, cached
 * and refreshed before expiry, and {@code subscribe/send}. Active only when app id, app
 * secret and template id are configured; otherwise the mini-program channel uses the
 * simulator.
 */
package com.licencereminder.delivery.miniprogram;
