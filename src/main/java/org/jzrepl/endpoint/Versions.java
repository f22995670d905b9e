package org.jzrepl.endpoint;

import java.util.List;
import java.util.Optional;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetNotFoundException;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/** Looks up datasets and versions named in requests, checking what the remote side claims. */
final class Versions {

    private Versions() {
    }

    /** The dataset {@code fs} with its versions; empty when it does not exist. */
    static Optional<DatasetInfo> find(Zfs zfs, DatasetPath fs) throws EndpointException {
        try {
            return zfs.dataset(fs);
        } catch (DatasetNotFoundException e) {
            return Optional.empty();
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("listing " + fs, e);
        }
    }

    /** The dataset {@code fs}; a missing one is an error naming it. */
    static DatasetInfo require(Zfs zfs, DatasetPath fs) throws EndpointException {
        return find(zfs, fs).orElseThrow(() -> new EndpointException(EndpointException.VERSION_MISMATCH,
                "filesystem " + fs + " does not exist"));
    }

    /** The version of {@code ds} with the type and name of {@code wanted}, whose guid must match. */
    static FilesystemVersion require(DatasetInfo ds, Version wanted) throws EndpointException {
        String full = ds.path().name() + wanted.type().delimiter() + wanted.name();
        FilesystemVersion v = ds.versions().stream()
                .filter(x -> x.type() == wanted.type() && x.name().equals(wanted.name()))
                .findFirst()
                .orElseThrow(() -> new EndpointException(EndpointException.VERSION_MISMATCH,
                        full + " does not exist (the request expects guid " + wanted.guid() + ")"));
        if (!v.guid().decimal().equals(wanted.guid())) {
            throw new EndpointException(EndpointException.VERSION_MISMATCH, full + " has guid " + v.guid()
                    + ", the request expects guid " + wanted.guid() + " (it was replaced by another version)");
        }
        return v;
    }

    static List<Version> wire(DatasetInfo ds) {
        return ds.versions().stream().map(Version::of).toList();
    }
}
