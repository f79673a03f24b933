package dev.appserver.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.appserver.orchestrator.limits.CgroupLimits;
import dev.appserver.orchestrator.server.ServerSettings;
import dev.appserver.orchestrator.trust.PoolName;
import dev.appserver.orchestrator.trust.PoolPlan;
import dev.appserver.orchestrator.trust.TrustPoolSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class PoolOptionsTest {
    @Command
    static final class Holder {
        @Mixin
        PoolOptions pools = new PoolOptions();

        @Mixin
        WorkerLimitOptions limits = new WorkerLimitOptions();
    }

    private static TrustPoolSettings parse(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.pools.pools(holder.limits.limits());
    }

    @Test
    void defaultsAreOneUntrustedWorkerPerCoreAndOneVerifiedWorkerWithTheWorkerLimits() {
        TrustPoolSettings pools = parse("--worker-heap", "256");

        assertThat(pools.untrusted().workers()).isEqualTo(ServerSettings.defaultWorkers());
        assertThat(pools.verified().workers()).isEqualTo(1);
        assertThat(pools.dedicated()).isEmpty();
        assertThat(pools.verified().limits()).isEqualTo(pools.untrusted().limits());
        assertThat(pools.untrusted().limits().heapMegabytes()).isEqualTo(256);
    }

    @Test
    void sizesAndDedicatedPools() {
        TrustPoolSettings pools = parse("--workers", "3", "--verified-workers", "2", "--dedicated-pool", "7",
                "--dedicated-pool", "9:2");

        assertThat(pools.untrusted().workers()).isEqualTo(3);
        assertThat(pools.verified().workers()).isEqualTo(2);
        assertThat(pools.dedicated()).containsOnlyKeys(7L, 9L);
        assertThat(pools.plan(PoolName.dedicated(7)).workers()).isEqualTo(1);
        assertThat(pools.plan(PoolName.dedicated(9)).workers()).isEqualTo(2);
        assertThat(pools.byName()).containsOnlyKeys("untrusted", "verified", "team-7", "team-9");
    }

    @Test
    void poolLimitsOverrideTheWorkerFlagsKeyByKey() {
        TrustPoolSettings pools = parse("--worker-heap", "256", "--worker-pids", "128", "--dedicated-pool", "7",
                "--pool-limits", "verified:heap=1024,cpus=2", "--pool-limits", "team-7:memory=700,pids=64");

        PoolPlan verified = pools.verified();
        assertThat(verified.limits().heapMegabytes()).isEqualTo(1024);
        assertThat(verified.limits().cgroup()).as("a heap without memory gets that heap's default memory")
                .isEqualTo(new CgroupLimits((1024L << 20) + CgroupLimits.NATIVE_OVERHEAD_BYTES, 2.0, 128));
        PoolPlan dedicated = pools.plan(PoolName.dedicated(7));
        assertThat(dedicated.limits().heapMegabytes()).isEqualTo(256);
        assertThat(dedicated.limits().cgroup()).isEqualTo(new CgroupLimits(700L << 20, 1.0, 64));
        assertThat(pools.untrusted().limits().heapMegabytes()).isEqualTo(256);
    }

    @Test
    void mistakesNameTheFlag() {
        assertThatThrownBy(() -> parse("--workers", "0")).hasMessage("--workers must be at least 1, not 0");
        assertThatThrownBy(() -> parse("--verified-workers", "0")).hasMessage("--verified-workers must be at least 1, not 0");
        assertThatThrownBy(() -> parse("--dedicated-pool", "x")).hasMessage("--dedicated-pool team must be a positive integer, not 'x'");
        assertThatThrownBy(() -> parse("--dedicated-pool", "7", "--dedicated-pool", "7:2"))
                .hasMessage("--dedicated-pool gives team 7 a pool twice");
        assertThatThrownBy(() -> parse("--pool-limits", "team-7:heap=128"))
                .hasMessage("--pool-limits names team-7, which no --dedicated-pool creates");
        assertThatThrownBy(() -> parse("--pool-limits", "trusted:heap=128"))
                .hasMessageContaining("'untrusted', 'verified' or 'team-<id>'");
        assertThatThrownBy(() -> parse("--pool-limits", "verified:size=1"))
                .hasMessage("--pool-limits verified: 'size=1' is not one of heap=MB, memory=MB, cpus=N, pids=N (each once)");
        assertThatThrownBy(() -> parse("--pool-limits", "verified:heap=32"))
                .hasMessage("--pool-limits verified:heap must be at least 64 MB, not 32");
        assertThatThrownBy(() -> parse("--pool-limits", "verified:heap=lots"))
                .hasMessageContaining("not a number");
    }
}
