package dev.berth.cli.registry;

import dev.berth.cli.Session;
import dev.berth.cli.StatusError;
import dev.berth.cli.UsageErrors;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code berth login [SERVER]}: has the daemon check the credentials ({@code POST /auth}) and, when
 * it accepts them, stores them in config.json (Docker Hub when no server is named).
 */
@Command(name = "login", customSynopsis = "berth login [OPTIONS] [SERVER]",
        description = "Authenticate to a registry")
public final class LoginCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = {"-u", "--username"}, description = "Username") String username;
    @Option(names = {"-p", "--password"}, description = "Password") String password;
    @Option(names = "--password-stdin", description = "Take the password from stdin") boolean passwordStdin;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "SERVER") List<String> args = new ArrayList<>();

    public LoginCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 1);
        String server = args.isEmpty() ? CredentialStore.DOCKER_HUB_SERVER : args.getFirst();
        if (password != null && passwordStdin) {
            throw new StatusError(1, "--password and --password-stdin are mutually exclusive");
        }
        if (passwordStdin) {
            if (username == null || username.isEmpty()) {
                throw new StatusError(1, "Must provide --username with --password-stdin");
            }
            password = readLine(session.in(), true);
        } else if (password != null) {
            session.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
        }
        if (username == null || username.isEmpty()) {
            session.out().print("Username: ");
            session.out().flush();
            username = readLine(session.in(), false);
        }
        if (password == null) {
            session.out().print("Password: ");
            session.out().flush();
            password = readLine(session.in(), false);
        }
        if (username.isEmpty()) {
            throw new StatusError(1, "Error: Non-null Username Required");
        }
        if (password.isEmpty()) {
            throw new StatusError(1, "Error: Password Required");
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        body.put("serveraddress", CredentialStore.serverKey(server));
        session.client().post("/auth", body).discard();
        CredentialStore.of(session).save(server, username, password);
        session.out().println("Login Succeeded");
        return 0;
    }

    /** One line, or with {@code all} the whole of stdin, without the trailing newline (as --password-stdin reads it). */
    private static String readLine(InputStream in, boolean all) throws IOException {
        String text = all ? new String(in.readAllBytes()) : line(in);
        return text.replaceAll("[\r\n]+$", "");
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            b.append((char) c);
        }
        return b.toString();
    }
}
