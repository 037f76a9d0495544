package dev.berth.http.wire;

import java.io.IOException;

/** Reads the header fields after a start line, up to the empty line, within one size budget for the whole head. */
final class HeaderBlock {

    static final int MAX_HEAD = 64 * 1024;

    private HeaderBlock() {
    }

    /** @param used bytes the start line already took from the budget */
    static Headers read(HttpInput in, int used) throws IOException {
        Headers headers = new Headers();
        int budget = MAX_HEAD - used;
        while (true) {
            String line = in.readLine(Math.max(budget, 0), 431);
            if (line == null) {
                throw BadMessageException.malformed("unexpected EOF in header section");
            }
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                return headers;
            }
            if (budget < 0) {
                throw new BadMessageException(431, "header section too large");
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw BadMessageException.malformed("obsolete header line folding");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isToken(line, colon)) {
                throw BadMessageException.malformed("malformed header line");
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
    }

    private static boolean isToken(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
