package dev.nori.jobs.dashboard;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves htmx from its webjar under {@code /jobs/assets/}, beside the stylesheet (in
 * {@code static/}): the gateway routes only {@code /jobs/**} to job-service's pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardProperties.class)
class DashboardConfiguration implements WebMvcConfigurer {

	// the webjar's version, as in the build (htmx.version); the dashboard test loads it
	static final String HTMX = "classpath:/META-INF/resources/webjars/htmx.org/2.0.8/dist/";

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/jobs/assets/htmx/**").addResourceLocations(HTMX);
	}

}
