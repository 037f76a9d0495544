package dev.berth.cli.container;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags {@code run} and {@code create} share, named and described as docker names them; the
 * values stay as typed until {@link CreateBody} turns them into the create request.
 */
public final class ContainerOptions {
    @Option(names = {"-i", "--interactive"}, description = "Keep STDIN open even if not attached") boolean interactive;
    @Option(names = {"-t", "--tty"}, description = "Allocate a pseudo-TTY") boolean tty;
    @Option(names = "--rm", description = "Automatically remove the container and its associated anonymous volumes when it exits") boolean rm;
    @Option(names = "--name", description = "Assign a name to the container") String name;
    @Option(names = {"-e", "--env"}, description = "Set environment variables") List<String> env = new ArrayList<>();
    @Option(names = "--env-file", description = "Read in a file of environment variables") List<String> envFiles = new ArrayList<>();
    @Option(names = {"-w", "--workdir"}, description = "Working directory inside the container") String workdir = "";
    @Option(names = {"-u", "--user"}, description = "Username or UID (format: <name|uid>[:<group|gid>])") String user = "";
    @Option(names = "--entrypoint", description = "Overwrite the default ENTRYPOINT of the image") String entrypoint;
    @Option(names = {"-h", "--hostname"}, description = "Container host name") String hostname = "";
    @Option(names = "--domainname", description = "Container NIS domain name") String domainname = "";
    @Option(names = {"-l", "--label"}, description = "Set meta data on a container") List<String> labels = new ArrayList<>();
    @Option(names = "--init", description = "Run an init inside the container that forwards signals and reaps processes") boolean init;
    @Option(names = "--stop-signal", description = "Signal to stop the container") String stopSignal;
    @Option(names = "--stop-timeout", description = "Timeout (in seconds) to stop a container") Integer stopTimeout;
    @Option(names = "--read-only", description = "Mount the container's root filesystem as read only") boolean readOnly;
    @Option(names = "--tmpfs", description = "Mount a tmpfs directory") List<String> tmpfs = new ArrayList<>();
    @Option(names = "--privileged", description = "Give extended privileges to this container") boolean privileged;
    @Option(names = "--cap-add", description = "Add Linux capabilities") List<String> capAdd = new ArrayList<>();
    @Option(names = "--cap-drop", description = "Drop Linux capabilities") List<String> capDrop = new ArrayList<>();
    @Option(names = "--security-opt", description = "Security Options") List<String> securityOpt = new ArrayList<>();
    @Option(names = "--ulimit", description = "Ulimit options") List<String> ulimits = new ArrayList<>();
    @Option(names = "--shm-size", description = "Size of /dev/shm") String shmSize;
    @Option(names = "--add-host", description = "Add a custom host-to-IP mapping (host:ip)") List<String> addHosts = new ArrayList<>();
    @Option(names = "--restart", description = "Restart policy to apply when a container exits") String restart = "no";
    @Option(names = "--detach-keys", description = "Override the key sequence for detaching a container") String detachKeys;
    @Option(names = {"-v", "--volume"}, description = "Bind mount a volume") List<String> volumes = new ArrayList<>();
    @Option(names = "--mount", description = "Attach a filesystem mount to the container") List<String> mounts = new ArrayList<>();
    @Option(names = "--volumes-from", description = "Mount volumes from the specified container(s)") List<String> volumesFrom = new ArrayList<>();
    @Option(names = {"-m", "--memory"}, description = "Memory limit") String memory;
    @Option(names = "--memory-swap", description = "Swap limit equal to memory plus swap: '-1' to enable unlimited swap") String memorySwap;
    @Option(names = "--memory-reservation", description = "Memory soft limit") String memoryReservation;
    @Option(names = {"-c", "--cpu-shares"}, description = "CPU shares (relative weight)") long cpuShares;
    @Option(names = "--cpus", description = "Number of CPUs") String cpus;
    @Option(names = "--cpu-quota", description = "Limit CPU CFS (Completely Fair Scheduler) quota") long cpuQuota;
    @Option(names = "--cpu-period", description = "Limit CPU CFS (Completely Fair Scheduler) period") long cpuPeriod;
    @Option(names = "--cpuset-cpus", description = "CPUs in which to allow execution (0-3, 0,1)") String cpusetCpus = "";
    @Option(names = "--cpuset-mems", description = "MEMs in which to allow execution (0-3, 0,1)") String cpusetMems = "";
    @Option(names = "--pids-limit", description = "Tune container pids limit (set -1 for unlimited)") long pidsLimit;
    @Option(names = "--blkio-weight", description = "Block IO (relative weight), between 10 and 1000, or 0 to disable") int blkioWeight;
    @Option(names = "--cgroup-parent", description = "Optional parent cgroup for the container") String cgroupParent = "";
    @Option(names = "--runtime", description = "Runtime to use for this container") String runtime;
    @Option(names = {"--network", "--net"}, description = "Connect a container to a network") List<String> networks = new ArrayList<>();
    @Option(names = {"--network-alias", "--net-alias"}, description = "Add network-scoped alias for the container") List<String> networkAliases = new ArrayList<>();
    @Option(names = "--ip", description = "IPv4 address (e.g., 172.30.100.104)") String ip = "";
    @Option(names = "--ip6", description = "IPv6 address (e.g., 2001:db8::33)") String ip6 = "";
    @Option(names = "--link", description = "Add link to another container") List<String> links = new ArrayList<>();
    @Option(names = "--link-local-ip", description = "Container IPv4/IPv6 link-local addresses") List<String> linkLocalIps = new ArrayList<>();
    @Option(names = "--mac-address", description = "Container MAC address (e.g., 92:d0:c6:0a:29:33)") String macAddress = "";
    @Option(names = "--dns", description = "Set custom DNS servers") List<String> dns = new ArrayList<>();
    @Option(names = "--dns-search", description = "Set custom DNS search domains") List<String> dnsSearch = new ArrayList<>();
    @Option(names = {"--dns-option", "--dns-opt"}, description = "Set DNS options") List<String> dnsOptions = new ArrayList<>();
    @Option(names = {"-p", "--publish"}, description = "Publish a container's port(s) to the host") List<String> publish = new ArrayList<>();
    @Option(names = {"-P", "--publish-all"}, description = "Publish all exposed ports to random ports") boolean publishAll;
    @Option(names = "--expose", description = "Expose a port or a range of ports") List<String> expose = new ArrayList<>();
    @Option(names = "--health-cmd", description = "Command to run to check health") String healthCmd;
    @Option(names = "--health-interval", description = "Time between running the check (ms|s|m|h) (default 0s)") String healthInterval;
    @Option(names = "--health-timeout", description = "Maximum time to allow one check to run (ms|s|m|h) (default 0s)") String healthTimeout;
    @Option(names = "--health-start-period", description = "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)") String healthStartPeriod;
    @Option(names = "--health-start-interval", description = "Time between running the check during the start period (ms|s|m|h) (default 0s)") String healthStartInterval;
    @Option(names = "--health-retries", description = "Consecutive failures needed to report unhealthy") int healthRetries;
    @Option(names = "--no-healthcheck", description = "Disable any container-specified HEALTHCHECK") boolean noHealthcheck;
    @Option(names = "--pull", description = "Pull image before running (\"always\", \"missing\", \"never\")") String pull = "missing";
    @Option(names = "--platform", description = "Set platform if server is multi-platform capable") String platform;
    @Option(names = "--cidfile", description = "Write the container ID to the file") String cidfile = "";
    @Option(names = "--log-driver", description = "Logging driver for the container") String logDriver = "";
    @Option(names = "--log-opt", description = "Log driver options") List<String> logOpts = new ArrayList<>();
    @Option(names = "--ipc", description = "IPC mode to use") String ipc = "";
    @Option(names = "--pid", description = "PID namespace to use") String pid = "";
    @Option(names = "--uts", description = "UTS namespace to use") String uts = "";
    @Option(names = "--userns", description = "User namespace to use") String userns = "";
    @Option(names = "--cgroupns", description = "Cgroup namespace to use (host|private)") String cgroupns = "";
    @Option(names = "--group-add", description = "Add additional groups to join") List<String> groupAdd = new ArrayList<>();
    @Option(names = "--oom-kill-disable", description = "Disable OOM Killer") boolean oomKillDisable;
    @Option(names = "--oom-score-adj", description = "Tune host's OOM preferences (-1000 to 1000)") int oomScoreAdj;
    @Option(names = "--device", description = "Add a host device to the container") List<String> devices = new ArrayList<>();
    @Option(names = "--sysctl", description = "Sysctl options") List<String> sysctls = new ArrayList<>();
}
