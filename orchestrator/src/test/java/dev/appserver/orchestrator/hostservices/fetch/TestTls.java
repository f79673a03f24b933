package dev.appserver.orchestrator.hostservices.fetch;

import java.io.InputStream;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts over {@code localhost.p12}: a self-signed certificate for DNS name
 * {@code localhost} only (no IP address), so a client accepts it only when it verifies the name.
 * Generated with {@code keytool -genkeypair -alias localhost -keyalg EC -groupname secp256r1
 * -dname CN=localhost -ext SAN=dns:localhost -validity 36500 -storetype PKCS12
 * -keystore localhost.p12 -storepass changeit}.
 */
final class TestTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestTls() {}

    /** The server side: presents the localhost certificate. */
    static SSLContext server() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The client side: trusts the localhost certificate and nothing else. */
    static SSLContext client() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore keyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestTls.class.getResourceAsStream("localhost.p12")) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
