package dev.nori.search;

import org.springframework.boot.SpringApplication;
import dev.nori.search.engine.EngineProperties;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The search-service process.
 */
@SpringBootApplication
@EnableConfigurationProperties(EngineProperties.class)
public class SearchApplication {

	/**
	 * Starts the service.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SearchApplication.class, args);
	}

}
