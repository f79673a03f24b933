package dev.appserver.orchestrator.hostservices.geoip;

import static java.util.Objects.requireNonNull;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Reader;
import dev.appserver.orchestrator.hostservices.GeoIpLocator;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code meta.geoip.locate(ip)} backed by a MaxMind City (or GeoLite2 City) database file,
 * answering what PostHog answered: the {@code @maxmind/geoip2-node} {@code City} object (see
 * {@link CityJson}), or nothing for an address that is not in the database or not an IP literal.
 *
 * <p>Records are read with the MaxMind DB reader that the {@code geoip2} library is built on,
 * not with {@code geoip2}'s typed {@code CityResponse}: that model writes absent sections as
 * {@code "postal": {}} and absent flags as {@code false}, which an app can see (the GeoIP app
 * then overwrites {@code $geoip_postal_code: null} with {@code undefined}); the raw record,
 * shaped as Node shapes it, cannot drift that way.
 *
 * <p>Opened once per process and closed by its owner; lookups are thread-safe.
 */
public final class MaxMindGeoIpLocator implements GeoIpLocator, Closeable {
    private final Reader reader;

    private MaxMindGeoIpLocator(Reader reader) {
        this.reader = requireNonNull(reader, "reader is null");
    }

    /**
     * Opens {@code database} (memory-mapped).
     *
     * @throws IllegalArgumentException when the file is not a MaxMind database or not a City one
     */
    public static MaxMindGeoIpLocator open(Path database) throws IOException {
        requireNonNull(database, "database is null");
        Reader reader;
        try {
            reader = new Reader(database.toFile());
        } catch (com.maxmind.db.InvalidDatabaseException notMaxMind) {
            throw new IllegalArgumentException(
                    database + " is not a MaxMind database: " + notMaxMind.getMessage(), notMaxMind);
        }
        String type = reader.getMetadata().databaseType();
        // The same check as geoip2-node's city(): any database type naming "City" has City records.
        if (!type.contains("City")) {
            reader.close();
            throw new IllegalArgumentException(
                    database + " is a " + type + " database; meta.geoip.locate needs a City database");
        }
        return new MaxMindGeoIpLocator(reader);
    }

    /**
     * Opens the database a {@code --geoip-db} flag names ({@code run-app}, {@code start}).
     *
     * @throws IllegalArgumentException with a one-line reason naming the flag and the file when it
     *     is missing, cannot be read, or is not a MaxMind City database
     */
    public static MaxMindGeoIpLocator openFlag(Path database) {
        requireNonNull(database, "database is null");
        if (!Files.isRegularFile(database)) {
            throw new IllegalArgumentException("--geoip-db " + database + ": no such file");
        }
        try {
            return open(database);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--geoip-db " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--geoip-db " + database + ": cannot be read (" + e + ")", e);
        }
    }

    @Override
    public Optional<String> locate(String ip) {
        Optional<InetAddress> address = IpLiteral.parse(ip);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        DatabaseRecord<Map<String, Object>> found = lookup(address.get());
        if (found.data() == null) {
            return Optional.empty();
        }
        String network = NetworkText.of(ip, found.network().networkAddress(), found.network().prefixLength());
        return Optional.of(CityJson.of(found.data(), ip, network));
    }

    @SuppressWarnings("unchecked")
    private DatabaseRecord<Map<String, Object>> lookup(InetAddress address) {
        try {
            return reader.getRecord(address, (Class<Map<String, Object>>) (Class<?>) Map.class);
        } catch (IOException corrupt) {
            throw new UncheckedIOException("GeoIP database could not be read", corrupt);
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
