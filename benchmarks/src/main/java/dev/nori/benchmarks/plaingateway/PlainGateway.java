package dev.nori.benchmarks.plaingateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Spring Cloud Gateway as it comes: one route from properties, no filters of Nori's. The
 * gateway benchmark runs it from the gateway's own executable jar (same libraries, none
 * of Nori's beans) as the "plain routing" rung.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PlainGateway {

	/**
	 * Starts the plain gateway.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(PlainGateway.class, args);
	}

}
