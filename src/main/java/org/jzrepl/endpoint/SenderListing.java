package org.jzrepl.endpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jzrepl.config.FilesystemFilter;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.ListFilesystemsResponse;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.Zfs;
import org.jzrepl.zfs.ZfsException;

/**
 * A {@link ZfsSender}'s listings: the filesystems its filter selects, kept in a
 * {@link ListingSnapshot} that answers planning's per-filesystem questions for a short while.
 * Shared by a source job's clients; thread-safe.
 */
final class SenderListing {

    private final Zfs zfs;
    private final FilesystemFilter filter;
    private final ListingSnapshot listing = new ListingSnapshot();

    SenderListing(Zfs zfs, FilesystemFilter filter) {
        this.zfs = zfs;
        this.filter = filter;
    }

    /** One recursive listing of the filter's roots with their versions, kept for what follows. */
    ListFilesystemsResponse listFilesystems() throws EndpointException {
        List<FilesystemEntry> out = new ArrayList<>();
        List<DatasetInfo> selected = new ArrayList<>();
        long started = listing.now();
        try {
            for (DatasetInfo d : zfs.listTrees(filter.roots())) {
                if (filter.matches(d.path())) {
                    out.add(new FilesystemEntry(d.path().name(), null, d.placeholder(), d.encrypted()));
                    selected.add(d);
                }
            }
        } catch (ZfsException e) {
            throw EndpointErrors.zfs("listing filesystems", e);
        }
        listing.replace(selected, started);
        return new ListFilesystemsResponse(out);
    }

    /** {@code fs} from the recent listing, else listed now: for planning only, never for acting. */
    DatasetInfo listed(DatasetPath fs, ListingSnapshot.Use use) throws EndpointException {
        Optional<DatasetInfo> recent = listing.lookup(fs, use);
        return recent.isPresent() ? recent.get() : Versions.require(zfs, fs);
    }

    /** {@code fs} was changed here: the kept listing no longer answers for it. */
    void changed(DatasetPath fs) {
        listing.changed(fs);
    }
}
