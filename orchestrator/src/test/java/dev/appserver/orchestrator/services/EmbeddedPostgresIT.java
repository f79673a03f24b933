package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded PostgreSQL, shared JVM-wide ({@link SharedServices}), is a usable PostgreSQL 17. */
class EmbeddedPostgresIT {
    private final ServiceEndpoints endpoints = SharedServices.endpoints();

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoints.postgresJdbcUrl(), endpoints.postgresUser(), endpoints.postgresPassword());
    }

    @Test
    void answersQueries() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1, current_database(), current_setting('server_version_num')::int")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(1);
            assertThat(result.getString(2)).isEqualTo(EmbeddedPostgres.DATABASE);
            assertThat(result.getInt(3)).isBetween(170_000, 179_999);
        }
    }

    @Test
    void storesRows() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stores_rows (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("INSERT INTO stores_rows VALUES (1, 'one'), (2, 'two')");
            try (ResultSet result = statement.executeQuery("SELECT name FROM stores_rows WHERE id = 2")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).isEqualTo("two");
            }
        }
    }

    @Test
    void listensOnLoopbackOnly() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW listen_addresses")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("127.0.0.1");
        }
    }
}
