package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.util.List;

/** What {@link EgressPolicy#check} decided about one URL. */
public sealed interface EgressDecision {

    /**
     * The URL may be fetched, by connecting to one of {@code addresses} and to nothing else: they
     * are the addresses that were judged.
     */
    record Allowed(FetchUrl url, List<InetAddress> addresses) implements EgressDecision {
        public Allowed {
            requireNonNull(url, "url is null");
            addresses = List.copyOf(addresses);
            if (addresses.isEmpty()) {
                throw new IllegalArgumentException("addresses is empty");
            }
        }
    }

    /**
     * The URL must not be fetched; {@code reason} completes "request to URL refused: ", e.g.
     * {@code only http and https are allowed}.
     */
    record Refused(String reason) implements EgressDecision {
        public Refused {
            requireNonNull(reason, "reason is null");
        }
    }

    /** The text is not a usable absolute URL; {@code reason} says why. */
    record InvalidUrl(String reason) implements EgressDecision {
        public InvalidUrl {
            requireNonNull(reason, "reason is null");
        }
    }

    /** The host has no address (node's {@code ENOTFOUND}). */
    record HostNotFound(String host) implements EgressDecision {
        public HostNotFound {
            requireNonNull(host, "host is null");
        }
    }
}
