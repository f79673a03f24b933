package dev.appserver.orchestrator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlacementTest {
    @Test
    void placesEachNewTenantOnTheSlotWithFewestTenantsAndKeepsItThere() {
        Placement placement = new Placement(3);

        assertThat(placement.slotFor(1, slot -> true)).isZero();
        assertThat(placement.slotFor(2, slot -> true)).isEqualTo(1);
        assertThat(placement.slotFor(3, slot -> true)).isEqualTo(2);
        assertThat(placement.slotFor(4, slot -> true)).isZero();
        assertThat(placement.slotFor(2, slot -> slot != 1)).isEqualTo(1);
        assertThat(placement.tenants(0)).isEqualTo(2);
        assertThat(placement.placed(4)).isZero();
        assertThat(placement.placed(5)).isEqualTo(-1);
    }

    @Test
    void skipsSlotsThatAreNotLiveUnlessNoneIs() {
        Placement placement = new Placement(2);

        assertThat(placement.slotFor(1, slot -> slot == 1)).isEqualTo(1);
        assertThat(placement.slotFor(2, slot -> slot == 1)).isEqualTo(1);
        assertThat(placement.slotFor(3, slot -> false)).isZero();
    }
}
