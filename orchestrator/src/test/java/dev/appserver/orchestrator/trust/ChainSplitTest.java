package dev.appserver.orchestrator.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.pool.InstanceSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainSplitTest {
    static InstanceSpec spec(long configId, long teamId, boolean verified) {
        return new InstanceSpec(configId, 1, teamId, 100 + configId, "App " + configId, "index.js", "code", "hash", "{}",
                Map.of(), 0, verified);
    }

    @Test
    void aChainOfOneTrustIsOneSegment() {
        List<InstanceSpec> untrusted = List.of(spec(1, 2, false), spec(2, 2, false));
        List<InstanceSpec> verified = List.of(spec(3, 2, true));

        assertThat(ChainSplit.segments(untrusted, Set.of())).containsExactly(new Segment(PoolName.UNTRUSTED, untrusted));
        assertThat(ChainSplit.segments(verified, Set.of())).containsExactly(new Segment(PoolName.VERIFIED, verified));
    }

    @Test
    void aMixedChainIsCutIntoMaximalRunsOfOneTrust() {
        InstanceSpec a = spec(1, 2, false);
        InstanceSpec b = spec(2, 2, false);
        InstanceSpec c = spec(3, 2, true);
        InstanceSpec d = spec(4, 2, true);
        InstanceSpec e = spec(5, 2, false);

        assertThat(ChainSplit.segments(List.of(a, b, c, d, e), Set.of(7L))).containsExactly(
                new Segment(PoolName.UNTRUSTED, List.of(a, b)),
                new Segment(PoolName.VERIFIED, List.of(c, d)),
                new Segment(PoolName.UNTRUSTED, List.of(e)));
    }

    @Test
    void aTenantWithADedicatedPoolRunsItsWholeChainThere() {
        List<InstanceSpec> chain = List.of(spec(1, 7, false), spec(2, 7, true), spec(3, 7, false));

        assertThat(ChainSplit.segments(chain, Set.of(7L))).containsExactly(new Segment(PoolName.dedicated(7), chain));
    }

    @Test
    void refusesAnEmptyChain() {
        assertThatThrownBy(() -> ChainSplit.segments(List.of(), Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void poolNames() {
        assertThat(PoolName.dedicated(42).name()).isEqualTo("team-42");
        assertThat(new PoolName("team-42").dedicatedTeam()).contains(42L);
        assertThat(PoolName.VERIFIED.dedicatedTeam()).isEmpty();
        assertThatThrownBy(() -> new PoolName("trusted")).hasMessageContaining("'untrusted', 'verified' or 'team-<id>'");
        assertThatThrownBy(() -> new PoolName("team-0")).isInstanceOf(IllegalArgumentException.class);
    }
}
