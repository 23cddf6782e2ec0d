package org.cimlang.cli;

import java.io.IOException;
import java.nio.channels.SocketChannel;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The user at the other end of a Unix socket (the kernel's SO_PEERCRED). The socket's folder is the user's own
 * and closed to others; this is the second lock: client and daemon each talk only to a process of their own user.
 */
final class DaemonPeers {
    private DaemonPeers() {
    }

    static boolean sameUser(SocketChannel channel) throws IOException {
        UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
        return peer != null && peer.user().getName().equals(System.getProperty("user.name"));
    }
}
