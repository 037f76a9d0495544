package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonIndenterTest {

    @Test
    void indents_with_four_spaces_and_keeps_empty_containers_compact() {
        String raw = "[{\"Id\":\"sha256:1\",\"RepoTags\":[\"a:latest\",\"b:v2\"],\"RepoDigests\":[],\"Config\":{},\"Size\":0}\n]";
        assertEquals("""
                [
                    {
                        "Id": "sha256:1",
                        "RepoTags": [
                            "a:latest",
                            "b:v2"
                        ],
                        "RepoDigests": [],
                        "Config": {},
                        "Size": 0
                    }
                ]""", JsonIndenter.indent(raw));
    }

    @Test
    void keeps_strings_and_escapes_verbatim() {
        assertEquals("{\n    \"Cmd\": \"echo \\u003e \\\"x, y\\\": [z]\"\n}",
                JsonIndenter.indent("{\"Cmd\":\"echo \\u003e \\\"x, y\\\": [z]\"}"));
    }
}
