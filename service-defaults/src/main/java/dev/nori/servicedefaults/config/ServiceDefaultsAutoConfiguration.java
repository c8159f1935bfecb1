package dev.nori.servicedefaults.config;

import java.time.Clock;

import dev.nori.eventing.outbox.Outbox;
import dev.nori.servicedefaults.audit.AuditLog;
import dev.nori.servicedefaults.background.BackgroundTaskFilter;
import dev.nori.servicedefaults.background.BackgroundTasks;
import dev.nori.servicedefaults.core.requestid.RequestIds;
import dev.nori.servicedefaults.database.DatabaseCreator;
import dev.nori.servicedefaults.info.ServiceInfoController;
import dev.nori.servicedefaults.info.ServiceInfoController.ServiceInfo;
import dev.nori.servicedefaults.internal.InternalSecret;
import dev.nori.servicedefaults.problem.ProblemAdvice;
import dev.nori.servicedefaults.problem.ProblemErrorController;
import dev.nori.servicedefaults.problem.ProblemErrorReportCustomizer;
import dev.nori.servicedefaults.problem.RequestSizeLimitFilter;
import dev.nori.servicedefaults.requestid.RequestIdFilter;
import dev.nori.servicedefaults.requestid.RequestIdPropagation;
import tools.jackson.databind.json.JsonMapper;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every servlet-based Nori service gets: request ids, problem errors (also for
 * errors outside Spring MVC), a request size limit, its database created when missing,
 * background tasks, the audit log and the info endpoint.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
		afterName = "dev.nori.eventing.config.EventingAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceProperties.class)
public final class ServiceDefaultsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InternalSecret internalSecret(Environment environment) {
		return new InternalSecret(environment.getProperty("nori.internal.secret"));
	}

	@Bean
	static DatabaseCreator databaseCreator() {
		return new DatabaseCreator();
	}

	@Bean
	@ConditionalOnMissingBean
	RequestIds requestIds() {
		return new RequestIds();
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter(RequestIds requestIds) {
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(
				new RequestIdFilter(requestIds));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ServiceProperties properties,
			JsonMapper json) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.maxRequestSize(), json));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Bean
	BackgroundTasks backgroundTasks(ServiceProperties properties) {
		return new BackgroundTasks(properties.backgroundDrainTimeout());
	}

	@Bean
	FilterRegistrationBean<BackgroundTaskFilter> backgroundTaskFilter(BackgroundTasks tasks) {
		FilterRegistrationBean<BackgroundTaskFilter> registration = new FilterRegistrationBean<>(
				new BackgroundTaskFilter(tasks));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	RequestIdPropagation requestIdPropagation() {
		return new RequestIdPropagation();
	}

	@Bean
	ProblemAdvice problemAdvice() {
		return new ProblemAdvice();
	}

	@Bean
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	ProblemErrorReportCustomizer problemErrorReportCustomizer() {
		return new ProblemErrorReportCustomizer();
	}

	@Bean
	ServiceInfo serviceInfo(Environment environment, ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return new ServiceInfo(environment.getProperty("spring.application.name", "unnamed"),
				(properties != null && properties.getVersion() != null) ? properties.getVersion() : "dev");
	}

	@Bean
	ServiceInfoController serviceInfoController(ServiceInfo info, Clock clock) {
		return new ServiceInfoController(info, clock);
	}

	@Bean
	@ConditionalOnBean(Outbox.class)
	AuditLog auditLog(Outbox outbox, PlatformTransactionManager transactions, Clock clock, ServiceInfo info) {
		return new AuditLog(outbox, new TransactionTemplate(transactions), clock, info.name(),
				ServiceDefaultsAutoConfiguration::currentSubject);
	}

	private static @Nullable String currentSubject() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication == null || authentication instanceof AnonymousAuthenticationToken) ? null
				: authentication.getName();
	}

}
