/**
 * berthd's configuration, read the way dockerd reads its own: command-line flags, then
 * {@code daemon.json} (keys are the long flag names), with the same conflict rules, the same
 * reloadable subset on SIGHUP, and the start-up guards around it (pid file, data-root lock,
 * atomic state files, logrus-style logging).
 *
 * <p>Everything is driven by one table, {@link dev.berth.daemon.config.Settings}: each entry names
 * its daemon.json key, its flags, how to read a value and whether a reload may change it.
 */
package dev.berth.daemon.config;
