package dev.berth.http.pem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code -----BEGIN TYPE----- … -----END TYPE-----} block of a PEM file, decoded to DER. */
public record PemBlock(String type, byte[] der) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    public PemBlock {
        Objects.requireNonNull(type);
        der = der.clone();
    }

    @Override
    public byte[] der() {
        return der.clone();
    }

    /** Every block in the text, in order; text around the blocks (e.g. openssl's "Bag Attributes") is skipped. */
    public static List<PemBlock> parseAll(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains(":")) {
                throw new IllegalArgumentException("encrypted PEM blocks are not supported (" + m.group(1) + ")");
            }
            try {
                blocks.add(new PemBlock(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad base64 in PEM block " + m.group(1), e);
            }
        }
        return blocks;
    }
}
