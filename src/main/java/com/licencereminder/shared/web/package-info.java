/**
 * Spring MVC settings for the whole service.
 */
package com.licencereminder.shared.web;
