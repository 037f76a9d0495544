package dev.berth.network.firewall;

import dev.berth.linux.Command;
import dev.berth.linux.CommandResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Applies berthd's table through {@code nft -f -}: one transaction per change, all or nothing. */
public final class Nftables {
    private final String table;
    private final boolean enabled;

    /**
     * @param enabled false for {@code --iptables=false}: berthd then leaves the firewall alone
     */
    public Nftables(String table, boolean enabled) {
        this.table = table;
        this.enabled = enabled;
    }

    public String table() {
        return table;
    }

    public void apply(FirewallModel model) throws IOException {
        if (enabled) {
            run(Ruleset.replace(table, model));
        }
    }

    /** Removes the table, leaving none of berthd's rules. */
    public void clear() throws IOException {
        if (enabled) {
            run(Ruleset.delete(table));
        }
    }

    private static void run(String script) throws IOException {
        CommandResult r = Command.of("nft", "-f", "-").stdin(script.getBytes(StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(20)).run();
        if (!r.succeeded()) {
            throw new IOException("nft: " + r.stderr().strip());
        }
    }
}
