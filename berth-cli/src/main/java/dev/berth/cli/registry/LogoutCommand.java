package dev.berth.cli.registry;

import dev.berth.cli.Session;
import dev.berth.cli.UsageErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code berth logout [SERVER]}: forgets stored credentials; like docker it makes no daemon request. */
@Command(name = "logout", customSynopsis = "berth logout [SERVER]",
        description = "Log out from a registry")
public final class LogoutCommand implements Callable<Integer> {
    private final Session session;
    @Spec CommandSpec spec;
    @Option(names = "--help", usageHelp = true, description = "Print usage") boolean help;
    @Parameters(arity = "0..*", paramLabel = "SERVER") List<String> args = new ArrayList<>();

    public LogoutCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        UsageErrors.requireCount(spec, args.size(), 0, 1);
        String server = args.isEmpty() ? CredentialStore.DOCKER_HUB_SERVER : args.getFirst();
        String key = CredentialStore.serverKey(server);
        if (!CredentialStore.of(session).remove(server)) {
            session.out().println("Not logged in to " + key);
            return 0;
        }
        session.out().println("Removing login credentials for " + key);
        return 0;
    }
}
