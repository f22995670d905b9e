package org.jzrepl.replication.driver;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jzrepl.endpoint.Endpoint;
import org.jzrepl.endpoint.Messages.FilesystemEntry;
import org.jzrepl.endpoint.Messages.FilesystemRequest;
import org.jzrepl.endpoint.Messages.ResumeTokenInfo;
import org.jzrepl.endpoint.Messages.Version;
import org.jzrepl.replication.plan.ReceiverFilesystem;
import org.jzrepl.replication.plan.SenderFilesystem;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.FilesystemVersion;

/**
 * Both sides' listings, gathered on one session for the planner: every sender filesystem with its
 * versions, and each receiver filesystem that pairs with one (placeholders without versions).
 * A filesystem whose version listing fails with a call error is kept aside with the error; a
 * connection failure, or a failing {@code listFilesystems}, is thrown.
 *
 * @param senders     sender filesystems whose listings succeeded, sorted by path
 * @param receivers   receiver filesystems that pair with one of {@code senders}
 * @param senderPaths every filesystem the sender offered, sorted, including failed ones
 * @param onReceiver  every filesystem the receiver holds (placeholders included)
 * @param errors      per filesystem, why its listing failed
 */
public record Listing(List<SenderFilesystem> senders, List<ReceiverFilesystem> receivers, List<DatasetPath> senderPaths,
               Set<DatasetPath> onReceiver, Map<DatasetPath, String> errors) {

    public static Listing gather(EndpointSession session) throws IOException {
        Map<DatasetPath, FilesystemEntry> sent = byPath(session.sender().listFilesystems().filesystems(), "sender");
        Map<DatasetPath, FilesystemEntry> held = byPath(session.receiver().listFilesystems().filesystems(), "receiver");
        Map<DatasetPath, String> errors = new LinkedHashMap<>();
        List<SenderFilesystem> senders = new ArrayList<>();
        List<ReceiverFilesystem> receivers = new ArrayList<>();
        for (Map.Entry<DatasetPath, FilesystemEntry> e : sent.entrySet()) {
            DatasetPath fs = e.getKey();
            try {
                boolean senderPlaceholder = e.getValue().placeholder();
                List<FilesystemVersion> versions = senderPlaceholder ? List.of() : versions(session.sender(), fs);
                FilesystemEntry r = held.get(fs);
                ReceiverFilesystem receiver = null;
                if (r != null) {
                    List<FilesystemVersion> rv = r.placeholder() ? List.of() : versions(session.receiver(), fs);
                    receiver = new ReceiverFilesystem(fs, rv,
                            Optional.ofNullable(r.resumeToken()).map(ResumeTokenInfo::toResumeToken), r.placeholder());
                }
                senders.add(new SenderFilesystem(fs, versions, senderPlaceholder));
                if (receiver != null) {
                    receivers.add(receiver);
                }
            } catch (IOException | RuntimeException failure) {
                if (FailureKind.of(failure) != FailureKind.FILESYSTEM) {
                    throw failure;
                }
                errors.put(fs, "listing versions failed: " + FailureKind.describe(failure));
            }
        }
        return new Listing(senders, receivers, List.copyOf(sent.keySet()), Set.copyOf(held.keySet()),
                errors);
    }

    private static List<FilesystemVersion> versions(Endpoint side, DatasetPath fs) throws IOException {
        List<Version> wire = side.listFilesystemVersions(new FilesystemRequest(fs.name())).versions();
        List<FilesystemVersion> out = new ArrayList<>(wire.size());
        wire.forEach(v -> out.add(v.toVersion()));
        return out;
    }

    private static Map<DatasetPath, FilesystemEntry> byPath(List<FilesystemEntry> entries, String side) {
        Map<DatasetPath, FilesystemEntry> out = new TreeMap<>();
        for (FilesystemEntry e : entries) {
            if (out.put(e.datasetPath(), e) != null) {
                throw new IllegalArgumentException("the " + side + " lists " + e.path() + " twice");
            }
        }
        return out;
    }
}
