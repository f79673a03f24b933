package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresConnectionTest {
    private static PostgresConnection parse(String value) throws InvalidEndpointException {
        return PostgresConnection.parse(new ConfiguredValue(value, "--postgres"));
    }

    @Test
    void takesCredentialsOutOfAJdbcUrl() throws InvalidEndpointException {
        assertThat(parse("jdbc:postgresql://db:5432/appserver?user=app&sslmode=require&password=s%26cret"))
                .isEqualTo(new PostgresConnection("jdbc:postgresql://db:5432/appserver?sslmode=require", "app", "s&cret"));
    }

    @Test
    void acceptsAJdbcUrlWithoutPassword() throws InvalidEndpointException {
        assertThat(parse("jdbc:postgresql://db1,db2:5433/appserver?user=app"))
                .isEqualTo(new PostgresConnection("jdbc:postgresql://db1,db2:5433/appserver", "app", ""));
    }

    @Test
    void theDatabaseDefaultsToTheUserAsTheDriverDoes() throws InvalidEndpointException {
        assertThat(parse("jdbc:postgresql://db/?user=app")).isEqualTo(new PostgresConnection("jdbc:postgresql://db/", "app", ""));
    }

    @Test
    void turnsALibpqUriIntoAJdbcUrl() throws InvalidEndpointException {
        assertThat(parse("postgresql://app:p%40ss%2Bw:rd@db.internal:6543/appserver?sslmode=verify-full"))
                .isEqualTo(new PostgresConnection("jdbc:postgresql://db.internal:6543/appserver?sslmode=verify-full",
                        "app", "p@ss+w:rd"));
        assertThat(parse("postgres://app@db/appserver"))
                .isEqualTo(new PostgresConnection("jdbc:postgresql://db/appserver", "app", ""));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mysql://db/appserver|not a PostgreSQL URL",
        "jdbc:postgresql:appserver?user=app|not a valid PostgreSQL JDBC URL",
        "jdbc:postgresql://db:notaport/appserver?user=app|not a valid PostgreSQL JDBC URL",
        "jdbc:postgresql://db:5432/appserver|it names no user",
        "postgresql://app@/appserver|it names no host (several hosts need the JDBC form)",
        "postgresql://app@db:70000/appserver|it has port \"70000\", not a number from 1 to 65535"})
    void rejectsAnythingElseSayingWhy(String value, String problem) {
        assertThatThrownBy(() -> parse(value))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessage("--postgres \"" + value + "\": " + problem + "; expected " + PostgresConnection.EXPECTED);
    }

    @Test
    void complaintsHidePasswords() {
        assertThatThrownBy(() -> parse("jdbc:postgresql://db:5432/appserver?password=secret"))
                .hasMessageStartingWith("--postgres \"jdbc:postgresql://db:5432/appserver?password=***\": it names no user");
        assertThatThrownBy(() -> parse("postgresql://app:secret@/appserver"))
                .hasMessageStartingWith("--postgres \"postgresql://app:***@/appserver\": it names no host");
    }

    @Test
    void printingHidesThePassword() throws InvalidEndpointException {
        assertThat(parse("jdbc:postgresql://db/appserver?user=app&password=secret").toString()).doesNotContain("secret");
    }
}
