package dev.berth.network;

import dev.berth.network.ipam.SubnetPicker;
import java.nio.file.Path;
import java.util.List;

/**
 * The daemon's networking options, as dockerd's flags name them.
 *
 * @param stateDir      where networks are stored ({@code <data-root>/network})
 * @param sandboxDir    where sandbox namespace files live ({@code <exec-root>/netns})
 * @param bridge        {@code -b}: a bridge the user made, {@code none} for no default bridge, empty for our own
 * @param defaultBridge the name of our own default bridge ({@code berth0})
 * @param bip           {@code --bip}: the default bridge's address and prefix (empty: picked)
 */
public record NetworkSettings(Path stateDir, Path sandboxDir, String nftTable, boolean iptables, boolean ipForward,
                              boolean ipMasq, boolean icc, int mtu, String bridge, String defaultBridge, String bip,
                              String fixedCidr, String defaultGateway, boolean ipv6, String fixedCidrV6,
                              String hostIp, List<SubnetPicker.Pool> pools) {

    public NetworkSettings {
        pools = List.copyOf(pools);
    }

    public boolean bridgeDisabled() {
        return bridge.equals("none");
    }

    /** The default bridge's interface: the user's {@code -b} or our own. */
    public String defaultBridgeName() {
        return bridge.isEmpty() ? defaultBridge : bridge;
    }
}
