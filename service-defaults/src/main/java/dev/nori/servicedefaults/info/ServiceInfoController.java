package dev.nori.servicedefaults.info;

import java.time.Clock;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET <api-base>/info}: which service answered, in which version. Public, cheap,
 * and what the gateway's smoke test calls.
 */
@RestController
public class ServiceInfoController {

	private final ServiceInfo info;

	private final Clock clock;

	/**
	 * Creates the controller.
	 * @param info the service's identity
	 * @param clock the time source
	 */
	public ServiceInfoController(ServiceInfo info, Clock clock) {
		this.info = info;
		this.clock = clock;
	}

	@GetMapping("${nori.service.api-base}/info")
	InfoView info() {
		return new InfoView(this.info.name(), this.info.version(), this.clock.instant());
	}

	/**
	 * The service's identity.
	 *
	 * @param name the service name
	 * @param version the build version
	 */
	public record ServiceInfo(String name, String version) {
	}

	record InfoView(String service, String version, Instant time) {
	}

}
