package dev.berth.registry.it;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.oci.MediaTypes;
import dev.berth.registry.TestRegistry;
import dev.berth.registry.TokenServer;
import dev.berth.registry.V2Client;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skopeo follows auth.token's Bearer challenge to the test token server, with and without credentials. */
@Tag("integration")
class TokenInteropTest {

    @TempDir
    Path dir;

    @Test
    void skopeo_pushes_with_credentials_and_pulls_anonymously_through_the_token_server() throws Exception {
        try (TokenServer tokens = TokenServer.start(dir, "EC");
             TestRegistry open = TestRegistry.inMemory();
             TestRegistry secured = TestRegistry.start(TestRegistry.INMEMORY + tokens.authYaml())) {
            new V2Client(open.base()).pushImage("src/app", "v1", MediaTypes.OCI_MANIFEST, "token");
            String src = "docker://127.0.0.1:" + open.port() + "/src/app:v1";
            String dst = "docker://127.0.0.1:" + secured.port() + "/team/app:v1";

            assertNotEquals(0, Tools.run("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "--dest-no-creds", src, dst).exit(), "an anonymous token grants pull only");
            Tools.run("skopeo", "copy", "--src-tls-verify=false", "--dest-tls-verify=false",
                    "--dest-creds", "alice:secret", src, dst).check();
            String inspected = Tools.run("skopeo", "inspect", "--tls-verify=false", "--no-creds", dst).check().out();
            assertTrue(inspected.contains("\"Os\": \"linux\""), inspected);
            Tools.run("skopeo", "copy", "--src-tls-verify=false", "--src-no-creds", dst,
                    "oci:" + dir.resolve("out") + ":v1").check();
        }
    }
}
