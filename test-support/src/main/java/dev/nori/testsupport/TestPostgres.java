package dev.nori.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.nori.launcher.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * PostgreSQL for tests: the server on 127.0.0.1:5432 when it answers; otherwise a
 * Testcontainers server when a Docker engine is available; otherwise a failure that says
 * what to start.
 */
public final class TestPostgres {

	private static final int LOCAL_PORT = 5432;

	private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

	private static final ConcurrentHashMap<String, Boolean> CREATED = new ConcurrentHashMap<>();

	private static volatile PostgreSQLContainer container;

	private TestPostgres() {
	}

	/**
	 * Returns the JDBC URL of a database, creating it when missing.
	 * @param database the database name, for example {@code nori_test_eventing}
	 * @return the JDBC URL
	 */
	public static String jdbcUrl(String database) {
		if (!DATABASE_NAME.matcher(database).matches()) {
			throw new IllegalArgumentException("Not a plain database name: " + database);
		}
		String url = serverUrl() + database;
		CREATED.computeIfAbsent(database, (name) -> {
			create(name);
			return true;
		});
		return url;
	}

	/**
	 * Returns the user tests connect as.
	 * @return the user name
	 */
	public static String username() {
		return (container != null) ? container.getUsername() : "postgres";
	}

	/**
	 * Returns the password tests connect with.
	 * @return the password (empty for the local server's trust authentication)
	 */
	public static String password() {
		return (container != null) ? container.getPassword() : "";
	}

	/**
	 * Opens a connection to a database, for assertions on what was stored.
	 * @param database the database name
	 * @return an open connection
	 * @throws SQLException when it cannot connect
	 */
	public static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), username(), password());
	}

	private static String serverUrl() {
		if (Ports.isListening(LOCAL_PORT)) {
			return "jdbc:postgresql://127.0.0.1:" + LOCAL_PORT + "/";
		}
		return startContainer();
	}

	private static synchronized String startContainer() {
		if (container == null) {
			if (!DockerClientFactory.instance().isDockerAvailable()) {
				throw new IllegalStateException("Tests need PostgreSQL: nothing answers on 127.0.0.1:" + LOCAL_PORT
						+ " and no Docker engine is available. Start PostgreSQL (Debian: pg_ctlcluster <version> main start)"
						+ " or a Docker engine.");
			}
			PostgreSQLContainer started = new PostgreSQLContainer("postgres:16-alpine");
			started.start();
			container = started;
		}
		return "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(LOCAL_PORT) + "/";
	}

	private static void create(String database) {
		try (Connection connection = DriverManager.getConnection(serverUrl() + "postgres", username(), password());
				var statement = connection.createStatement()) {
			statement.execute("create database " + database);
		}
		catch (SQLException ex) {
			if (!"42P04".equals(ex.getSQLState())) { // duplicate_database: it exists
														// already
				throw new IllegalStateException("Cannot create test database " + database + ": " + ex.getMessage(), ex);
			}
		}
	}

}
