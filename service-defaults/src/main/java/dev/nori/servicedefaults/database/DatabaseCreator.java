package dev.nori.servicedefaults.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Creates the service's PostgreSQL database when it does not exist yet, before the pool's
 * first connection (and so before Flyway migrates it). Each service owns one database, so
 * a fresh machine needs no manual step.
 */
public class DatabaseCreator implements BeanPostProcessor {

	private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);

	private static final Pattern POSTGRES_URL = Pattern
		.compile("jdbc:postgresql://(?<server>[^/?]+)/(?<database>[A-Za-z_][A-Za-z0-9_]{0,62})(?<options>\\?.*)?");

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null) {
			createIfMissing(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
		}
		return bean;
	}

	/**
	 * Creates the database named in a PostgreSQL JDBC URL unless it exists.
	 * @param url the service's JDBC URL
	 * @param username the user
	 * @param password the password
	 * @return whether it was created
	 */
	public static boolean createIfMissing(String url, String username, String password) {
		Matcher matcher = POSTGRES_URL.matcher(url);
		if (!matcher.matches()) {
			return false;
		}
		String database = matcher.group("database");
		String options = (matcher.group("options") != null) ? matcher.group("options") : "";
		String maintenance = "jdbc:postgresql://" + matcher.group("server") + "/postgres" + options;
		try (Connection connection = DriverManager.getConnection(maintenance, username, password)) {
			try (var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
				exists.setString(1, database);
				if (exists.executeQuery().next()) {
					return false;
				}
			}
			try (var create = connection.createStatement()) {
				create.execute("create database \"" + database + "\"");
				log.info("Created database {}", database);
				return true;
			}
		}
		catch (SQLException ex) {
			if ("42P04".equals(ex.getSQLState())) { // created by a concurrent start
				return false;
			}
			// the pool reports the real problem (server down, bad credentials) with its
			// own message
			log.warn("Could not check or create database {}: {}", database, ex.getMessage());
			return false;
		}
	}

}
