package dev.berth.network;

/** Lets driver tests in other packages extend the contract. */
public abstract class NetworkDriverContractAccess extends NetworkDriverContract {
}
