package dev.nori.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The gateway process.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

	/**
	 * Starts the gateway.
	 * @param args command-line arguments
	 */
	public static void main(String[] args) {
		// before Reactor Netty makes its loops
		EventLoops.sizeTo(System.getProperties(), Runtime.getRuntime().availableProcessors());
		SpringApplication.run(GatewayApplication.class, args);
	}

}
