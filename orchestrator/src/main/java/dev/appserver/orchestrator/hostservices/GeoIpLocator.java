package dev.appserver.orchestrator.hostservices;

import java.util.Optional;

/** {@code meta.geoip.locate(ip)}: a MaxMind City record as JSON, empty for unknown or invalid IPs. */
@FunctionalInterface
public interface GeoIpLocator {
    GeoIpLocator NONE = ip -> Optional.empty();

    Optional<String> locate(String ip);
}
