package com.licencereminder.licence.importing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * The import settings for web slices: every slice has the upload size filter
 * ({@code OversizeUploads}), which reads them.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportProperties.class)
public class ImportWebSettings {

}
