package dev.berth.daemon;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers' exposed ports and networks with aliases against berthd: a web server on a new network
 * under the alias {@code web}, reached from the test through its mapped port and from a second container
 * by name. Run in its own JVM by {@link TestcontainersNetworkTest}; prints {@code ok <step>} per step.
 */
public final class TestcontainersNetworkProbe {
    private TestcontainersNetworkProbe() {
    }

    public static void main(String[] args) throws Exception {
        DockerImageName busybox = DockerImageName.parse("busybox:latest");
        try (Network net = Network.newNetwork();
             GenericContainer<?> web = new GenericContainer<>(busybox)
                     .withImagePullPolicy(PullPolicy.defaultPolicy())
                     .withNetwork(net).withNetworkAliases("web")
                     .withExposedPorts(80)
                     .withCommand("sh", "-c", "mkdir -p /www && echo served-by-busybox > /www/index.html"
                             + " && exec httpd -f -p 80 -h /www")
                     .waitingFor(Wait.forHttp("/index.html").forStatusCode(200).withStartupTimeout(Duration.ofSeconds(60)))) {
            web.start();
            System.out.println("ok start");
            String url = "http://" + web.getHost() + ":" + web.getMappedPort(80) + "/index.html";
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            check(r.statusCode() == 200 && r.body().equals("served-by-busybox\n"), "mapped port " + r.statusCode() + " " + r.body());
            System.out.println("ok mapped-port");
            try (GenericContainer<?> client = new GenericContainer<>(busybox)
                    .withImagePullPolicy(PullPolicy.defaultPolicy())
                    .withNetwork(net)
                    .withCommand("sh", "-c", "while true; do sleep 1; done")) {
                client.start();
                var result = client.execInContainer("sh", "-c", "timeout 10 wget -q -O - http://web/index.html");
                check(result.getExitCode() == 0 && result.getStdout().equals("served-by-busybox\n"), "alias " + result);
                System.out.println("ok alias");
            }
        }
        System.out.println("ok cleanup");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("failed: " + what);
        }
    }
}
