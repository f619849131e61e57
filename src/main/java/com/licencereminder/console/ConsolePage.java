package com.licencereminder.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller whose views use the console's layout: its models get {@code me} (a
 * {@link Viewer}), {@code lang} (the current language tag), {@code langUrls} (this page
 * in each language) and {@code pageLinks} ({@link PageLinks}), which the layout's
 * fragments need.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ConsolePage {

}
