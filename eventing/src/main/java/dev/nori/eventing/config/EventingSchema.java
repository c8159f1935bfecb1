package dev.nori.eventing.config;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * The backbone's tables (outbox, inbox), migrated at start into the {@code eventing}
 * schema with a history of their own, apart from the service's own migrations.
 */
public final class EventingSchema {

	/** The PostgreSQL schema holding the backbone's tables. */
	public static final String SCHEMA = "eventing";

	EventingSchema(DataSource dataSource) {
		Flyway.configure()
			.dataSource(dataSource)
			.schemas(SCHEMA)
			.createSchemas(true)
			.table("schema_history")
			.locations("classpath:db/eventing")
			.load()
			.migrate();
	}

}
