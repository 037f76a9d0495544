package dev.berth.http.pem;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.List;
import java.util.Map;

/**
 * Private keys from the PEM blocks Docker's tooling writes: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}). The JDK reads only PKCS#8, so the other two are
 * taken apart here and rebuilt as key specs.
 */
public final class PrivateKeyDecoder {

    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.113549.1.1.1", "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            "1.2.840.10045.2.1", "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448");

    private PrivateKeyDecoder() {
    }

    /** The first private key block in the PEM text. */
    public static PrivateKey decode(String pem) throws GeneralSecurityException {
        for (PemBlock block : PemBlock.parseAll(pem)) {
            switch (block.type()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(block.der());
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs1(block.der());
                }
                case "EC PRIVATE KEY" -> {
                    return sec1(block.der());
                }
                default -> {
                    // EC PARAMETERS and certificates may sit in the same file
                }
            }
        }
        throw new GeneralSecurityException("no private key in PEM");
    }

    static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        List<DerReader.Element> info = top(der);
        String oid = info.get(1).expect(DerReader.SEQUENCE).children().getFirst().oid();
        String algorithm = ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new GeneralSecurityException("unsupported private key algorithm " + oid);
        }
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    static PrivateKey pkcs1(byte[] der) throws GeneralSecurityException {
        List<DerReader.Element> k = top(der);
        if (k.size() < 9) {
            throw new GeneralSecurityException("truncated PKCS#1 RSA key");
        }
        BigInteger[] n = new BigInteger[9];
        for (int i = 0; i < 9; i++) {
            n[i] = k.get(i).integer();
        }
        return KeyFactory.getInstance("RSA").generatePrivate(
                new RSAPrivateCrtKeySpec(n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8]));
    }

    static PrivateKey sec1(byte[] der) throws GeneralSecurityException {
        List<DerReader.Element> k = top(der);
        BigInteger secret = new BigInteger(1, k.get(1).expect(DerReader.OCTET_STRING).bytes());
        String curve = null;
        for (DerReader.Element e : k.subList(2, k.size())) {
            if (e.tag() == 0xa0) {
                curve = e.children().getFirst().oid();
            }
        }
        if (curve == null) {
            throw new GeneralSecurityException("EC key without a named curve");
        }
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec(curve));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(secret, spec));
    }

    private static List<DerReader.Element> top(byte[] der) throws GeneralSecurityException {
        try {
            return new DerReader(der).read().expect(DerReader.SEQUENCE).children();
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("malformed key: " + e.getMessage(), e);
        }
    }
}
