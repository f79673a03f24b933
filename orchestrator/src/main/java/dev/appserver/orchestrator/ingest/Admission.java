package dev.appserver.orchestrator.ingest;

import static java.util.Objects.requireNonNull;

import dev.appserver.orchestrator.quota.TenantQuotas;

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

    /** The input consumer: a throttled tenant's events go, unchanged, to the overflow topic. */
    record Defer(TenantQuotas quotas) implements Admission {
        public Defer {
            requireNonNull(quotas, "quotas is null");
        }
    }

    /** The overflow consumer: a tenant's events run once its quotas have room. */
    record Wait(TenantQuotas quotas) implements Admission {
        public Wait {
            requireNonNull(quotas, "quotas is null");
        }
    }
}
