package dev.berth.http;

import dev.berth.http.pem.PrivateKeyDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * SSLContexts from the PEM files Docker uses ({@code --tlscacert}, {@code --tlscert}, {@code --tlskey}): a
 * certificate chain, a private key in PKCS#8, PKCS#1 or SEC1, and the CA that vouches for the other side.
 */
public final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {
    }

    /** A server's context; with {@code verifyClient} it trusts client certificates signed by {@code ca}. */
    public static SSLContext server(Path ca, Path cert, Path key, boolean verifyClient)
            throws IOException, GeneralSecurityException {
        return context(verifyClient ? ca : null, cert, key);
    }

    /** A client's context: trusts servers signed by {@code ca}; presents {@code cert} when both are given. */
    public static SSLContext client(Path ca, Path cert, Path key) throws IOException, GeneralSecurityException {
        return context(ca, cert, key);
    }

    private static SSLContext context(Path ca, Path cert, Path key) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(cert != null && key != null ? keyManagers(cert, key).getKeyManagers() : null,
                ca != null ? trustManagers(ca).getTrustManagers() : null, null);
        return context;
    }

    private static KeyManagerFactory keyManagers(Path cert, Path key) throws IOException, GeneralSecurityException {
        Certificate[] chain = certificates(cert).toArray(Certificate[]::new);
        if (chain.length == 0) {
            throw new GeneralSecurityException("no certificate in " + cert);
        }
        PrivateKey privateKey = PrivateKeyDecoder.decode(Files.readString(key));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("key", privateKey, NO_PASSWORD, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory;
    }

    private static TrustManagerFactory trustManagers(Path ca) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates(ca)) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in " + ca);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static Collection<? extends Certificate> certificates(Path pem)
            throws IOException, GeneralSecurityException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(pem)));
    }
}
