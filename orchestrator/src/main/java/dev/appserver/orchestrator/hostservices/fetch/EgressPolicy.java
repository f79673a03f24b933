package dev.appserver.orchestrator.hostservices.fetch;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The egress guard for app {@code fetch}: decides whether a URL may be fetched, and if so, which
 * addresses the connection may use.
 *
 * <p>A URL is allowed when its scheme is {@code http} or {@code https} and every address its host
 * resolves to is public unicast (see {@link AddressClassifier}); one non-public address refuses
 * the whole host, since the client could otherwise be steered to it. Hosts on the allowlist
 * ({@code --allow-host}: names or IP literals, compared in canonical form, so case-insensitively)
 * skip the address check, and only they do: allowing {@code localhost} does not allow
 * {@code 127.0.0.1}.
 *
 * <p>The decision carries the judged addresses; callers must connect to one of them and never
 * resolve the host again (see docs/decisions/0003-egress-guard.md). Immutable and thread-safe;
 * {@link #check} may block on name resolution.
 */
public final class EgressPolicy {

    private final HostResolver resolver;
    private final Set<String> allowedHosts;

    EgressPolicy(HostResolver resolver, Collection<String> allowedHosts) {
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.allowedHosts = requireNonNull(allowedHosts, "allowedHosts is null").stream()
                .map(EgressPolicy::canonicalAllowedHost)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The policy over the system resolver.
     *
     * @param allowedHosts hosts that may be fetched even though they are loopback or private
     * @throws IllegalArgumentException when an allowed host is not a valid host name or IP literal
     */
    public static EgressPolicy withAllowedHosts(Collection<String> allowedHosts) {
        return new EgressPolicy(new SystemHostResolver(), allowedHosts);
    }

    /** Decides about {@code url}, resolving its host (which may block). */
    public EgressDecision check(String url) {
        requireNonNull(url, "url is null");
        FetchUrl target;
        try {
            target = FetchUrl.parse(url);
        } catch (FetchUrl.UnsupportedSchemeException e) {
            return new EgressDecision.Refused(e.getMessage());
        } catch (IllegalArgumentException e) {
            return new EgressDecision.InvalidUrl(e.getMessage());
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(target.host());
        } catch (UnknownHostException e) {
            return new EgressDecision.HostNotFound(target.host());
        }
        if (addresses.isEmpty()) {
            return new EgressDecision.HostNotFound(target.host());
        }
        if (allowedHosts.contains(target.host())) {
            return new EgressDecision.Allowed(target, addresses);
        }
        for (InetAddress address : addresses) {
            if (AddressClassifier.classify(address).isPresent()) {
                return new EgressDecision.Refused(target.host()
                        + " is a loopback, private or link-local address (" + HostNames.textOf(address) + ")");
            }
        }
        return new EgressDecision.Allowed(target, addresses);
    }

    /** Whether {@code address} is one the guard refuses for hosts off the allowlist. Pure. */
    public static boolean isRefusedAddress(InetAddress address) {
        return AddressClassifier.classify(requireNonNull(address, "address is null")).isPresent();
    }

    private static String canonicalAllowedHost(String host) {
        try {
            return HostNames.canonical(host.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--allow-host " + host + ": " + e.getMessage(), e);
        }
    }
}
