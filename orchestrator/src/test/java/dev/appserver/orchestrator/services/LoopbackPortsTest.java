package dev.appserver.orchestrator.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {
    @Test
    void aTakenPortIsReportedWithTheService() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(LoopbackPorts.ADDRESS, 0));

            assertThatThrownBy(() -> LoopbackPorts.claim("kafka", taken.getLocalPort()))
                    .isInstanceOfSatisfying(PortInUseException.class, e -> assertThat(e.port()).isEqualTo(taken.getLocalPort()))
                    .hasMessage("kafka cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": the port is in use");
        }
    }

    @Test
    void portZeroPicksAFreePort() throws PortInUseException {
        int port = LoopbackPorts.claim("redis", 0);

        assertThat(port).isPositive();
        assertThat(LoopbackPorts.claim("redis", port)).isEqualTo(port);
    }

    @Test
    void portsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new SingleNodeSettings(java.nio.file.Path.of("data"), 70_000, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be 0 (any free port) or 1-65535: 70000");
    }
}
