package dev.berth.http.pem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The fixtures were written by openssl 3 (genrsa -traditional, ecparam -genkey, genpkey) with their public halves. */
class PrivateKeyDecoderTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = PrivateKeyDecoderTest.class.getResourceAsStream("/pem/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rsa-pkcs1, RSA, SHA256withRSA",
        "ec-sec1, EC, SHA256withECDSA",
        "ec-pkcs8, EC, SHA384withECDSA",
        "ed25519-pkcs8, EdDSA, Ed25519"})
    void decodes_a_key_that_signs_for_its_public_half(String name, String algorithm, String signature)
            throws Exception {
        PrivateKey key = PrivateKeyDecoder.decode(resource(name + ".pem"));
        assertEquals(algorithm, key.getAlgorithm());
        PublicKey pub = publicKey(resource(name + ".pub.pem"), key.getAlgorithm());
        byte[] message = "berth".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(signature);
        signer.initSign(key);
        signer.update(message);
        byte[] sig = signer.sign();
        Signature verifier = Signature.getInstance(signature);
        verifier.initVerify(pub);
        verifier.update(message);
        assertTrue(verifier.verify(sig));
    }

    @Test
    void rejects_text_without_a_private_key() throws Exception {
        assertThrows(GeneralSecurityException.class,
                () -> PrivateKeyDecoder.decode(resource("rsa-pkcs1.pub.pem")));
    }

    @Test
    void rejects_truncated_der() {
        String pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEog==\n-----END RSA PRIVATE KEY-----\n";
        assertThrows(GeneralSecurityException.class, () -> PrivateKeyDecoder.decode(pem));
    }

    @Test
    void reads_object_identifiers() {
        byte[] der = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
        assertEquals("1.2.840.10045.3.1.7", new DerReader(der).read().oid());
    }

    private static PublicKey publicKey(String pem, String algorithm) throws GeneralSecurityException {
        byte[] der = PemBlock.parseAll(pem).getFirst().der();
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    }
}
