package dev.berth.registry;

import dev.berth.registry.config.ConfigException;
import dev.berth.registry.config.ConfigLoader;
import dev.berth.registry.config.RegistryConfig;
import dev.berth.registry.gc.GarbageCollector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * {@code berth-registry serve CONFIG}, {@code berth-registry garbage-collect [--dry-run] [--delete-untagged] CONFIG},
 * {@code berth-registry --version}: distribution's command line.
 */
public final class RegistryMain {

    private RegistryMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            usage();
            return args.length == 0 ? 2 : 0;
        }
        try {
            return switch (args[0]) {
                case "-v", "--version", "version" -> {
                    System.out.println("berth-registry " + version() + " (Registry HTTP API v2, OCI Distribution 1.1)");
                    yield 0;
                }
                case "serve" -> serve(List.of(args).subList(1, args.length));
                case "garbage-collect" -> collect(List.of(args).subList(1, args.length));
                default -> {
                    System.err.println("berth-registry: unknown command " + args[0]);
                    usage();
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            System.err.println("berth-registry: configuration error: " + e.getMessage());
            return 1;
        } catch (NoSuchFileException e) {
            System.err.println("berth-registry: no such file: " + e.getFile());
            return 1;
        }
    }

    private static int serve(List<String> args) throws IOException, InterruptedException {
        if (args.size() != 1) {
            System.err.println("usage: berth-registry serve CONFIG");
            return 2;
        }
        RegistryConfig config = ConfigLoader.load(Path.of(args.getFirst()), System.getenv());
        RegistryLog log = new RegistryLog(config.log(), System.err);
        RegistryServer server = RegistryServer.start(config, log);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private static int collect(List<String> args) throws IOException {
        boolean dryRun = false;
        boolean deleteUntagged = false;
        List<String> rest = new ArrayList<>();
        for (String a : args) {
            switch (a) {
                case "-d", "--dry-run", "--dry-run=true" -> dryRun = true;
                case "-m", "--delete-untagged", "--delete-untagged=true" -> deleteUntagged = true;
                default -> rest.add(a);
            }
        }
        if (rest.size() != 1 || rest.getFirst().startsWith("-")) {
            System.err.println("usage: berth-registry garbage-collect [--dry-run] [--delete-untagged] CONFIG");
            return 2;
        }
        RegistryConfig config = ConfigLoader.load(Path.of(rest.getFirst()), System.getenv());
        Registry registry = Registry.open(config.storage());
        GarbageCollector.Report report = registry.collector().collect(
                new GarbageCollector.Options(dryRun, deleteUntagged, Duration.ZERO));
        String verb = dryRun ? "would delete" : "deleted";
        report.manifestsDeleted().forEach(m -> System.out.println(verb + " manifest " + m));
        report.blobsDeleted().forEach(b -> System.out.println(verb + " blob " + b));
        System.out.printf("%d blobs marked, %d blobs %s, %d manifests %s%n", report.blobsMarked(),
                report.blobsDeleted().size(), verb, report.manifestsDeleted().size(), verb);
        return 0;
    }

    static String version() {
        try (InputStream in = RegistryMain.class.getResourceAsStream("/berth-registry.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void usage() {
        System.err.println("""
                usage: berth-registry COMMAND
                  serve CONFIG                                         run the registry
                  garbage-collect [--dry-run] [--delete-untagged] CONFIG   delete what no tag reaches
                  --version                                            print the version""");
    }
}
