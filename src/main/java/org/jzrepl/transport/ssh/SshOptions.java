package org.jzrepl.transport.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.sshd.common.cipher.BuiltinCiphers;

/**
 * The OpenSSH options that make sense for jzrepl's built-in client, mapped onto
 * {@link SshConnectSettings}. Anything else is refused by name rather than silently ignored.
 * Pure functions, no state.
 */
final class SshOptions {
    static final List<String> SUPPORTED = List.of("Port", "User", "IdentityFile", "UserKnownHostsFile",
            "StrictHostKeyChecking", "ServerAliveInterval", "ServerAliveCountMax", "ConnectTimeout", "Ciphers",
            "Compression", "BatchMode");

    private SshOptions() {
    }

    static SshConnectSettings apply(SshConnectSettings s, List<String> options) {
        for (String raw : options) {
            String opt = raw == null ? "" : raw.strip();
            int sep = indexOfSeparator(opt);
            if (sep <= 0 || sep == opt.length() - 1) {
                throw new IllegalArgumentException("ssh option '" + raw + "' is not of the form Key=Value");
            }
            String key = opt.substring(0, sep).strip();
            String value = opt.substring(sep + 1).strip();
            if (value.startsWith("=")) {
                value = value.substring(1).strip();
            }
            s = applyOne(s, key, value, raw);
        }
        return s;
    }

    private static int indexOfSeparator(String opt) {
        for (int i = 0; i < opt.length(); i++) {
            char c = opt.charAt(i);
            if (c == '=' || Character.isWhitespace(c)) {
                return i;
            }
        }
        return -1;
    }

    private static SshConnectSettings applyOne(SshConnectSettings s, String key, String value, String raw) {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "port":
                return s.withPort(parseInt(value, raw));
            case "user":
                return copy(s, value, s.identityFile(), s.knownHosts(), s.strictHostKeyChecking(), s.keepaliveCountMax(), s.ciphers(), s.compression());
            case "identityfile":
                return copy(s, s.user(), expandHome(value), s.knownHosts(), s.strictHostKeyChecking(), s.keepaliveCountMax(), s.ciphers(), s.compression());
            case "userknownhostsfile":
                return copy(s, s.user(), s.identityFile(), expandHome(value), s.strictHostKeyChecking(), s.keepaliveCountMax(), s.ciphers(), s.compression());
            case "stricthostkeychecking":
                return copy(s, s.user(), s.identityFile(), s.knownHosts(), parseStrict(value, raw), s.keepaliveCountMax(), s.ciphers(), s.compression());
            case "serveraliveinterval":
                return s.withKeepalive(Duration.ofSeconds(parseInt(value, raw)));
            case "serveralivecountmax":
                return copy(s, s.user(), s.identityFile(), s.knownHosts(), s.strictHostKeyChecking(), parseInt(value, raw), s.ciphers(), s.compression());
            case "connecttimeout":
                return s.withDialTimeout(Duration.ofSeconds(parseInt(value, raw)));
            case "ciphers":
                return copy(s, s.user(), s.identityFile(), s.knownHosts(), s.strictHostKeyChecking(), s.keepaliveCountMax(), parseCiphers(value, raw), s.compression());
            case "compression":
                return copy(s, s.user(), s.identityFile(), s.knownHosts(), s.strictHostKeyChecking(), s.keepaliveCountMax(), s.ciphers(), parseYesNo(value, raw));
            case "batchmode":
                if (!parseYesNo(value, raw)) {
                    throw new IllegalArgumentException("ssh option '" + raw + "': jzrepl never prompts, only BatchMode=yes is accepted");
                }
                return s;
            default:
                throw new IllegalArgumentException("ssh option '" + key + "' is not supported by jzrepl's built-in SSH client;"
                        + " supported: " + String.join(", ", SUPPORTED));
        }
    }

    private static SshConnectSettings copy(SshConnectSettings s, String user, Path identityFile, Path knownHosts,
            SshConnectSettings.StrictHostKeyChecking strict, int countMax, List<String> ciphers, boolean compression) {
        return new SshConnectSettings(s.host(), user, s.port(), identityFile, knownHosts, strict, s.dialTimeout(),
                s.keepalive(), countMax, ciphers, compression, s.command());
    }

    private static int parseInt(String value, String raw) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ssh option '" + raw + "': '" + value + "' is not a number");
        }
    }

    private static boolean parseYesNo(String value, String raw) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes":
                return true;
            case "no":
                return false;
            default:
                throw new IllegalArgumentException("ssh option '" + raw + "': expected yes or no");
        }
    }

    private static SshConnectSettings.StrictHostKeyChecking parseStrict(String value, String raw) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "yes":
                return SshConnectSettings.StrictHostKeyChecking.YES;
            case "accept-new":
                return SshConnectSettings.StrictHostKeyChecking.ACCEPT_NEW;
            default:
                throw new IllegalArgumentException("ssh option '" + raw + "': jzrepl supports StrictHostKeyChecking=yes"
                        + " or accept-new; host keys are always checked");
        }
    }

    private static List<String> parseCiphers(String value, String raw) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(",")) {
            String n = name.strip();
            BuiltinCiphers c = BuiltinCiphers.fromFactoryName(n);
            if (c == null || !c.isSupported() || c == BuiltinCiphers.none) {
                throw new IllegalArgumentException("ssh option '" + raw + "': cipher '" + n + "' is not available;"
                        + " use e.g. aes128-gcm@openssh.com, aes256-gcm@openssh.com, aes128-ctr, chacha20-poly1305@openssh.com");
            }
            names.add(c.getName());
        }
        return names;
    }

    private static Path expandHome(String value) {
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + value.substring(1));
        }
        return Path.of(value);
    }
}
