/**
 * libnetwork's model for berthd: a {@link dev.berth.network.NetworkController} owns networks, each run by a
 * {@link dev.berth.network.NetworkDriver} (null, host, bridge; overlay and remote later) and addressed by
 * IPAM; a sandbox is a container's network namespace, an endpoint a veth pair joining it to a network.
 * The firewall is one nftables table berthd owns, rebuilt whole from state on every change.
 */
package dev.berth.network;
