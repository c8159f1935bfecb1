package dev.nori.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring test context at the test infrastructure.
 */
public final class TestInfrastructure {

	private TestInfrastructure() {
	}

	/**
	 * Registers PostgreSQL (the given database, created when missing) and Kafka.
	 * @param registry the test's dynamic properties
	 * @param database the database name
	 */
	public static void postgresAndKafka(DynamicPropertyRegistry registry, String database) {
		registry.add("spring.datasource.url", () -> TestPostgres.jdbcUrl(database));
		registry.add("spring.datasource.username", TestPostgres::username);
		registry.add("spring.datasource.password", TestPostgres::password);
		registry.add("spring.kafka.bootstrap-servers", TestKafka::bootstrapServers);
	}

	/**
	 * Registers Redis.
	 * @param registry the test's dynamic properties
	 */
	public static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", TestRedis::host);
		registry.add("spring.data.redis.port", TestRedis::port);
	}

}
