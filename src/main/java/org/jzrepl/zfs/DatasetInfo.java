package org.jzrepl.zfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One filesystem or volume with its snapshots and bookmarks, as one recursive {@code zfs list}
 * reports it.
 *
 * @param path             the dataset
 * @param type             filesystem or volume
 * @param guid             the dataset's own guid
 * @param resumeToken      {@code receive_resume_token} when a resumable receive was interrupted
 * @param placeholder      created by a receiver only to hold children: {@code jzrepl:placeholder=on}
 *                         (or zrepl's {@code zrepl:placeholder=on}) set on this dataset itself, not
 *                         inherited from a parent
 * @param encryption       the {@code encryption} property, {@code off} when unencrypted
 * @param keyStatus        whether the key is loaded
 * @param encryptionRoot   the {@code encryptionroot}, empty when unencrypted
 * @param versions         snapshots and bookmarks, oldest first ({@link FilesystemVersion#BY_CREATETXG})
 */
public record DatasetInfo(DatasetPath path, DatasetType type, Guid guid, Optional<String> resumeToken,
                          boolean placeholder, String encryption, KeyStatus keyStatus,
                          Optional<DatasetPath> encryptionRoot, List<FilesystemVersion> versions) {

    public DatasetInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(resumeToken, "resumeToken");
        Objects.requireNonNull(encryption, "encryption");
        Objects.requireNonNull(keyStatus, "keyStatus");
        Objects.requireNonNull(encryptionRoot, "encryptionRoot");
        List<FilesystemVersion> sorted = new ArrayList<>(versions);
        sorted.sort(FilesystemVersion.BY_CREATETXG);
        versions = List.copyOf(sorted);
    }

    public DatasetInfo withPlaceholder(boolean p) {
        return new DatasetInfo(path, type, guid, resumeToken, p, encryption, keyStatus, encryptionRoot, versions);
    }

    public boolean encrypted() {
        return !encryption.equals("off");
    }

    public List<FilesystemVersion> snapshots() {
        return versions.stream().filter(FilesystemVersion::isSnapshot).toList();
    }

    public List<FilesystemVersion> bookmarks() {
        return versions.stream().filter(FilesystemVersion::isBookmark).toList();
    }

    /** The version with this guid, preferring a snapshot over a bookmark of the same guid. */
    public Optional<FilesystemVersion> versionByGuid(Guid g) {
        Optional<FilesystemVersion> snap = snapshots().stream().filter(v -> v.guid().equals(g)).findFirst();
        return snap.isPresent() ? snap : bookmarks().stream().filter(v -> v.guid().equals(g)).findFirst();
    }
}
