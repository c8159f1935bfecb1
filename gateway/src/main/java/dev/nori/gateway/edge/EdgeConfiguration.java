package dev.nori.gateway.edge;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's edge filters as one web filter.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

	@Bean
	EdgeFilterChain edgeFilterChain(List<EdgeFilter> filters) {
		return new EdgeFilterChain(filters);
	}

}
