package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.quota.TenantQuotas;
import java.time.Duration;

/**
 * How a consumer applies tenant quotas ({@link TenantQuotas}) to a tenant's events. The input
 * consumer {@linkplain Defer defers} a throttled tenant's events to the overflow topic, so they
 * wait without holding up the other tenants' events of the same batch (whose offsets could not be
 * committed past them otherwise); the overflow consumer {@linkplain Wait waits} for the tenant's
 * quota before it runs each worker batch of them.
 */
sealed interface Admission {
    /** No quotas: every tenant's events run at once. */
    Admission NONE = new Unlimited();

    /** No quotas. */
    record Unlimited() implements Admission {}

    /**
     * The input consumer: a throttled tenant's events go, unchanged, to the overflow topic; so do
     * the events of a tenant whose part of the batch is not done within {@code tenantDeadline}
     * (its apps are slow, or a worker it crashed is being searched for the culprit): the batch
     * is delivered without waiting for it, and the tenant's events run again from the overflow
     * topic (what the abandoned run produced is thrown away).
     */
    record Defer(TenantQuotas quotas, Duration tenantDeadline) implements Admission {
        /** How long an input batch waits for one tenant's part by default. */
        public static final Duration DEFAULT_TENANT_DEADLINE = Duration.ofSeconds(20);

        public Defer {
            requireNonNull(quotas, "quotas is null");
            if (tenantDeadline.isNegative() || tenantDeadline.isZero()) {
                throw new IllegalArgumentException("the tenant deadline must be positive: " + tenantDeadline);
            }
        }

        public Defer(TenantQuotas quotas) {
            this(quotas, DEFAULT_TENANT_DEADLINE);
        }
    }

    /** The overflow consumer: a tenant's events run once its quotas have room. */
    record Wait(TenantQuotas quotas) implements Admission {
        public Wait {
            requireNonNull(quotas, "quotas is null");
        }
    }
}
