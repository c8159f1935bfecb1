package dev.nori.search.meilisearch;

import java.time.Duration;

import dev.nori.search.engine.SearchEngine;
import dev.nori.search.engine.SearchEngineBehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine behaviour suite on a real Meilisearch server in a container. Meilisearch
 * cannot be installed on machines without Docker: there the suite is skipped, saying so,
 * and {@link MeilisearchContractTest} checks the driver against Meilisearch's documented
 * HTTP exchanges instead.
 */
@EnabledIf(value = "dockerAvailable",
		disabledReason = "Meilisearch runs only in Docker here, and no Docker engine is available;"
				+ " MeilisearchContractTest covers the driver without it")
class MeilisearchEngineIT extends SearchEngineBehaviour {

	private static final String MASTER_KEY = "nori-test-master-key-0123456789";

	private static GenericContainer<?> server;

	private static MeilisearchEngine engine;

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@BeforeAll
	static void start() {
		server = new GenericContainer<>("getmeili/meilisearch:v1.16").withEnv("MEILI_MASTER_KEY", MASTER_KEY)
			.withEnv("MEILI_NO_ANALYTICS", "true")
			.withExposedPorts(7700)
			.waitingFor(Wait.forHttp("/health").forStatusCode(200));
		server.start();
		engine = new MeilisearchEngine(new MeilisearchProperties(
				java.net.URI.create("http://" + server.getHost() + ":" + server.getMappedPort(7700)), MASTER_KEY,
				Duration.ofSeconds(30), 1000, "it-"), JsonMapper.builder().build());
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.stop();
		}
	}

	@Override
	protected SearchEngine engine() {
		return engine;
	}

	@Override
	protected void settle() {
		engine.flush();
	}

}
