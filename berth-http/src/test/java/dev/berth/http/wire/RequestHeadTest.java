package dev.berth.http.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestHeadTest {

    private static HttpInput input(String raw) {
        return new HttpInput(new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void parses_start_line_and_headers_case_insensitively() throws IOException {
        HttpInput in = input("POST /v1.41/containers/create?name=x HTTP/1.1\r\nHost: api.moby.localhost\r\n"
                + "content-type: application/json\r\nX-Multi: a\r\nx-multi: b\r\n\r\nBODY");
        RequestHead head = RequestHead.read(in);
        assertEquals("POST", head.method());
        assertEquals("/v1.41/containers/create?name=x", head.target());
        assertEquals(Optional.of("application/json"), head.headers().first("Content-Type"));
        assertEquals(java.util.List.of("a", "b"), head.headers().all("X-MULTI"));
        assertEquals("BODY", new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    @Test
    void returns_null_when_peer_closes_before_a_request() throws IOException {
        assertNull(RequestHead.read(input("")));
    }

    @Test
    void accepts_bare_lf_line_endings() throws IOException {
        RequestHead head = RequestHead.read(input("GET /_ping HTTP/1.1\nHost: x\n\n"));
        assertEquals(Optional.of("x"), head.headers().first("host"));
    }

    @Test
    void rejects_malformed_request_line_with_400() {
        BadMessageException e = assertThrows(BadMessageException.class,
                () -> RequestHead.read(input("GET /x\r\n\r\n")));
        assertEquals(400, e.status());
    }

    @Test
    void rejects_header_without_colon_with_400() {
        BadMessageException e = assertThrows(BadMessageException.class,
                () -> RequestHead.read(input("GET / HTTP/1.1\r\nnocolon\r\n\r\n")));
        assertEquals(400, e.status());
    }

    @Test
    void rejects_header_section_over_64_kib_with_431() {
        String big = "X-Big: " + "a".repeat(40_000) + "\r\n";
        BadMessageException e = assertThrows(BadMessageException.class,
                () -> RequestHead.read(input("GET / HTTP/1.1\r\n" + big + big + "\r\n")));
        assertEquals(431, e.status());
    }

    @Test
    void keeps_alive_by_default_in_http_1_1_and_not_in_1_0() throws IOException {
        assertTrue(RequestHead.read(input("GET / HTTP/1.1\r\n\r\n")).keepAlive());
        assertFalse(RequestHead.read(input("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")).keepAlive());
        assertFalse(RequestHead.read(input("GET / HTTP/1.0\r\n\r\n")).keepAlive());
        assertTrue(RequestHead.read(input("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")).keepAlive());
    }

    @Test
    void picks_body_framing_from_headers() throws IOException {
        HttpInput in = input("PUT / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET");
        RequestHead head = RequestHead.read(in);
        assertEquals("abc", new String(MessageBody.forRequest(head.headers(), in).readAllBytes(),
                StandardCharsets.ISO_8859_1));
        BadMessageException e = assertThrows(BadMessageException.class, () -> MessageBody.forRequest(
                new Headers().add("Content-Length", "-1"), in));
        assertEquals(400, e.status());
    }
}
