package dev.appserver.orchestrator.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminSettingsTest {
    private static final long LIMIT = AdminSettings.DEFAULT_MAX_REQUEST_BYTES;

    @Test
    void aTokenIsOptionalOnLoopback() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            assertThat(new AdminSettings(host, 6738, Optional.empty(), LIMIT).token()).as(host).isEmpty();
        }
    }

    @Test
    void anyOtherAddressRequiresAToken() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10"}) {
            assertThatThrownBy(() -> new AdminSettings(host, 6738, Optional.empty(), LIMIT)).as(host)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("refusing to serve the admin API on " + host + ", which is not a loopback address, "
                            + "without a bearer token: set one with --admin-token or APPSERVER_ADMIN_TOKEN");
        }
        assertThat(new AdminSettings("0.0.0.0", 6738, Optional.of("0123456789abcdef"), LIMIT).token()).isPresent();
    }

    @Test
    void tokensMustBeLongEnough() {
        assertThatThrownBy(() -> new AdminSettings("0.0.0.0", 6738, Optional.of("letmein"), LIMIT))
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void portMustBeInRange() {
        assertThatThrownBy(() -> new AdminSettings("127.0.0.1", 70000, Optional.empty(), LIMIT))
                .hasMessage("admin API port out of range: 70000");
    }
}
