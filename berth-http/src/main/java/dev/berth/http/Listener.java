package dev.berth.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/** Where a server accepts connections: a unix socket file, a TCP port, or a TCP port speaking TLS. */
public sealed interface Listener {
    /** Socket buffer size for TCP connections (the kernel caps it at net.core.wmem_max/rmem_max). */
    int TCP_BUFFER = 4 << 20;

    /**
     * A unix socket at {@code path} with permissions {@code mode} (octal, e.g. {@code "660"}), owned by
     * {@code group} when that group exists. A stale socket file left by a previous run is removed first.
     */
    static Listener unix(Path path, String mode, Optional<String> group) {
        return new Unix(path, permissions(mode), group);
    }

    static Listener tcp(InetSocketAddress address) {
        return new Tcp(address);
    }

    /** TLS on TCP; with {@code requireClientCert} the client must present a certificate the context trusts. */
    static Listener tls(InetSocketAddress address, SSLContext context, boolean requireClientCert) {
        return new Tls(address, context, requireClientCert);
    }

    /** Binds and starts listening. */
    Acceptor bind() throws IOException;

    record Unix(Path path, Set<PosixFilePermission> mode, Optional<String> group) implements Listener {
        public Unix {
            Objects.requireNonNull(path);
            mode = Set.copyOf(mode);
            Objects.requireNonNull(group);
        }

        @Override
        public Acceptor bind() throws IOException {
            removeStaleSocket();
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(path));
                Files.setPosixFilePermissions(path, mode);
                if (group.isPresent()) {
                    chgrp(group.get());
                }
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return new Acceptor.ChannelAcceptor(server, () -> Files.deleteIfExists(path));
        }

        private void removeStaleSocket() throws IOException {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            if (!Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).isOther()) {
                throw new IOException(path + " exists and is not a socket");
            }
            Files.delete(path);
        }

        private void chgrp(String name) throws IOException {
            GroupPrincipal principal;
            try {
                principal = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
            } catch (UserPrincipalNotFoundException e) {
                return;
            }
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(principal);
        }
    }

    record Tcp(InetSocketAddress address) implements Listener {
        public Tcp {
            Objects.requireNonNull(address);
        }

        @Override
        public Acceptor bind() throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.INET);
            if (address.getAddress() instanceof java.net.Inet6Address) {
                server.close();
                server = ServerSocketChannel.open(StandardProtocolFamily.INET6);
            }
            // Accepted sockets inherit the listener's buffer size: a large send buffer lets one sendfile()
            // move megabytes of a blob before the writer has to wait for the peer.
            server.setOption(java.net.StandardSocketOptions.SO_RCVBUF, TCP_BUFFER);
            server.bind(address, 128);
            return new Acceptor.ChannelAcceptor(server, () -> { });
        }
    }

    record Tls(InetSocketAddress address, SSLContext context, boolean requireClientCert) implements Listener {
        public Tls {
            Objects.requireNonNull(address);
            Objects.requireNonNull(context);
        }

        @Override
        public Acceptor bind() throws IOException {
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            server.setReuseAddress(true);
            server.setNeedClientAuth(requireClientCert);
            server.bind(address, 128);
            return new Acceptor.SocketAcceptor(server);
        }
    }

    private static Set<PosixFilePermission> permissions(String octal) {
        if (!octal.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("mode must be octal like 660: " + octal);
        }
        int bits = Integer.parseInt(octal, 8);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    /** A bound listener: hands out accepted connections until closed. */
    sealed interface Acceptor extends AutoCloseable {

        dev.berth.http.wire.Transport accept() throws IOException;

        SocketAddress localAddress() throws IOException;

        @Override
        void close() throws IOException;

        interface Cleanup {
            void run() throws IOException;
        }

        record ChannelAcceptor(ServerSocketChannel server, Cleanup cleanup) implements Acceptor {
            @Override
            public dev.berth.http.wire.Transport accept() throws IOException {
                java.nio.channels.SocketChannel ch = server.accept();
                if (ch.getLocalAddress() instanceof InetSocketAddress) {
                    ch.setOption(java.net.StandardSocketOptions.SO_SNDBUF, TCP_BUFFER);
                    ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                }
                return dev.berth.http.wire.Transport.of(ch);
            }

            @Override
            public SocketAddress localAddress() throws IOException {
                return server.getLocalAddress();
            }

            @Override
            public void close() throws IOException {
                try {
                    server.close();
                } finally {
                    cleanup.run();
                }
            }
        }

        record SocketAcceptor(SSLServerSocket server) implements Acceptor {
            @Override
            public dev.berth.http.wire.Transport accept() throws IOException {
                return dev.berth.http.wire.Transport.of(server.accept());
            }

            @Override
            public SocketAddress localAddress() {
                return server.getLocalSocketAddress();
            }

            @Override
            public void close() throws IOException {
                server.close();
            }
        }
    }
}
