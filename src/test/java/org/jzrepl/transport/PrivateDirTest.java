package org.jzrepl.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket directory check, on real directories; the daemon's uid is injected. */
class PrivateDirTest {
    @TempDir
    Path tmp;
    Path dir;
    int uid;

    @BeforeEach
    void privateDir() throws IOException {
        dir = Files.createDirectory(tmp.resolve("sock"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        uid = (Integer) Files.getAttribute(dir, "unix:uid");
    }

    @Test
    void acceptsAPrivateDirectoryOfTheDaemonsUser() throws IOException {
        PrivateDir.require(dir, "test dir", uid);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        PrivateDir.require(dir, "test dir", uid);
    }

    @Test
    void refusesASymlinkToAGoodDirectory() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        TransportException e = assertThrows(TransportException.class, () -> PrivateDir.require(link, "test dir", uid));
        assertEquals(TransportException.Kind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().startsWith("test dir " + link + " is not a directory (symlinks are not followed)"),
                e.getMessage());
    }

    @Test
    void refusesADanglingSymlink() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("nowhere"));
        TransportException e = assertThrows(TransportException.class, () -> PrivateDir.require(link, "test dir", uid));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }

    @Test
    void refusesAGroupWritableDirectory() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));
        TransportException e = assertThrows(TransportException.class, () -> PrivateDir.require(dir, "test dir", uid));
        assertEquals("test dir " + dir + " is writable by its group (mode 0770): run chmod g-w " + dir, e.getMessage());
    }

    @Test
    void refusesAnyAccessForOthers() throws IOException {
        for (String perms : new String[] {"rwx-----x", "rwx---r--", "rwx----w-"}) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(perms));
            TransportException e = assertThrows(TransportException.class, () -> PrivateDir.require(dir, "test dir", uid));
            assertTrue(e.getMessage().contains("is accessible by others") && e.getMessage().endsWith("chmod o-rwx " + dir),
                    perms + ": " + e.getMessage());
        }
    }

    @Test
    void refusesADirectoryOfAnotherUser() {
        int daemonUid = uid + 4242;
        TransportException e = assertThrows(TransportException.class, () -> PrivateDir.require(dir, "test dir", daemonUid));
        assertEquals("test dir " + dir + " belongs to uid " + uid + ", not to the daemon's uid " + daemonUid
                + ": run chown " + daemonUid + " " + dir, e.getMessage());
    }

    @Test
    void refusesAMissingDirectoryOrAFile() throws IOException {
        TransportException missing = assertThrows(TransportException.class,
                () -> PrivateDir.require(tmp.resolve("missing"), "test dir", uid));
        assertTrue(missing.getMessage().contains("does not exist: create it with: install -d -m 0700 -o " + uid),
                missing.getMessage());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        TransportException notDir = assertThrows(TransportException.class, () -> PrivateDir.require(file, "test dir", uid));
        assertTrue(notDir.getMessage().contains("is not a directory"), notDir.getMessage());
    }

    @Test
    void ownUidIsThisProcesssUid() throws IOException {
        assertEquals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"), PrivateDir.ownUid());
    }
}
