package dev.appserver.orchestrator.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.appserver.orchestrator.admin.ConfigChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryReloadBusTest {
    private static final ConfigReload CHANGE = new ConfigReload(2, 7, ConfigReload.Kind.UPDATED, 1);

    private final InMemoryReloadBus bus = new InMemoryReloadBus();

    @Test
    void deliversToEveryOpenSubscription() {
        List<ReloadMessage> first = new ArrayList<>();
        List<ReloadMessage> second = new ArrayList<>();
        bus.subscribe(first::add);
        ReloadSubscription closed = bus.subscribe(second::add);

        bus.publish(CHANGE);
        closed.close();
        bus.publish(new FullReload("again"));

        assertThat(first).containsExactly(CHANGE, new FullReload("again"));
        assertThat(second).containsExactly(CHANGE);
        assertThat(closed.connected()).isFalse();
        assertThat(bus.published()).containsExactly(CHANGE, new FullReload("again"));
    }

    @Test
    void publishesEveryStoredConfigChange() {
        List<ReloadMessage> received = new ArrayList<>();
        bus.subscribe(received::add);

        bus.configChanged(ConfigReloadTest.change(ConfigChange.Kind.DELETED, 3, 9, Instant.EPOCH));

        assertThat(received).containsExactly(new ConfigReload(3, 9, ConfigReload.Kind.DELETED, 0));
    }

    @Test
    void messagesPublishedWhileDisconnectedAreLostAndReconnectingReloadsEverything() {
        List<ReloadMessage> received = new ArrayList<>();
        ReloadSubscription subscription = bus.subscribe(received::add);

        bus.disconnect();
        bus.publish(CHANGE);
        assertThat(subscription.connected()).isFalse();
        bus.reconnect();

        assertThat(subscription.connected()).isTrue();
        assertThat(received).singleElement().isInstanceOf(FullReload.class);
    }

    @Test
    void aFailingConsumerNeitherThrowsToThePublisherNorStopsTheOthers() {
        List<ReloadMessage> received = new ArrayList<>();
        bus.subscribe(message -> {
            throw new IllegalStateException("consumer bug");
        });
        bus.subscribe(received::add);

        bus.publish(CHANGE);

        assertThat(received).containsExactly(CHANGE);
    }
}
