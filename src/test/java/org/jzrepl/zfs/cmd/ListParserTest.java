package org.jzrepl.zfs.cmd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.jzrepl.zfs.DatasetInfo;
import org.jzrepl.zfs.DatasetPath;
import org.jzrepl.zfs.DatasetType;
import org.jzrepl.zfs.FilesystemVersion;
import org.jzrepl.zfs.Guid;
import org.jzrepl.zfs.KeyStatus;

/** Parsing the captured {@code zfs list -H -p -o ... -t filesystem,volume,snapshot,bookmark -r cap}. */
class ListParserTest {

    static final List<DatasetInfo> TREE = ListParser.parse(Captured.read("list-tree.out"));
    static final Map<String, DatasetInfo> BY_NAME =
            TREE.stream().collect(Collectors.toMap(d -> d.path().name(), Function.identity()));

    @Test
    void listsEveryFilesystemAndVolumeInPathOrder() {
        assertEquals(List.of("cap", "cap/dst", "cap/dst/enc", "cap/dst/encpartial", "cap/dst/flagpartial",
                        "cap/dst/partial", "cap/dst/ph2", "cap/dst/src", "cap/enc", "cap/src", "cap/src/child", "cap/vol"),
                TREE.stream().map(d -> d.path().name()).toList());
        assertEquals(DatasetType.VOLUME, BY_NAME.get("cap/vol").type());
        assertEquals(DatasetType.FILESYSTEM, BY_NAME.get("cap/src").type());
    }

    @Test
    void versionsBelongToTheirDatasetOldestFirstBookmarkBeforeSnapshotOfTheSameTxg() {
        DatasetInfo src = BY_NAME.get("cap/src");
        assertEquals(List.of("#a", "@a", "@b"),
                src.versions().stream().map(FilesystemVersion::relativeName).toList());
        FilesystemVersion bm = src.bookmarks().get(0);
        FilesystemVersion a = src.snapshots().get(0);
        assertEquals(a.guid(), bm.guid());
        assertEquals(8, a.createTxg());
        assertEquals(Instant.ofEpochSecond(1795311319L), a.creation());
        assertEquals(List.of("c1"),
                BY_NAME.get("cap/src/child").snapshots().stream().map(FilesystemVersion::name).toList());
        assertEquals(List.of(), BY_NAME.get("cap/dst/partial").versions());
    }

    @Test
    void guidsAreUnsigned64BitDecimal() {
        assertEquals(Guid.parse("16223802614750866856"), BY_NAME.get("cap").guid());
        assertTrue(BY_NAME.get("cap").guid().value() < 0, "above Long.MAX_VALUE, kept as unsigned");
    }

    @Test
    void interruptedReceivesCarryTheirResumeToken() {
        assertEquals(Optional.of(Captured.token("full")), BY_NAME.get("cap/dst/partial").resumeToken());
        assertEquals(Optional.of(Captured.token("incremental")), BY_NAME.get("cap/dst/src").resumeToken());
        assertEquals(Optional.empty(), BY_NAME.get("cap/src").resumeToken());
    }

    @Test
    void encryptionStateOfSourceAndRawReceivedDatasets() {
        DatasetInfo enc = BY_NAME.get("cap/enc");
        assertTrue(enc.encrypted());
        assertEquals("aes-256-gcm", enc.encryption());
        assertEquals(KeyStatus.AVAILABLE, enc.keyStatus());
        assertEquals(Optional.of(DatasetPath.parse("cap/enc")), enc.encryptionRoot());
        DatasetInfo received = BY_NAME.get("cap/dst/enc");
        assertEquals(KeyStatus.UNAVAILABLE, received.keyStatus());
        assertEquals(enc.snapshots().get(0).guid(), received.snapshots().get(0).guid());
        DatasetInfo plain = BY_NAME.get("cap/src");
        assertFalse(plain.encrypted());
        assertEquals(KeyStatus.NONE, plain.keyStatus());
        assertEquals(Optional.empty(), plain.encryptionRoot());
    }

    @Test
    void listShowsInheritedPlaceholderValuesSoOnlyTheLocalGetDecides() {
        assertTrue(BY_NAME.get("cap/dst/enc").placeholder(), "zfs list shows the inherited 'on'");
        Set<String> local = ColumnParsers.localPlaceholders(Captured.read("get-placeholders-local.out"));
        assertEquals(Set.of("cap/dst", "cap/dst/ph2"), local);
    }

    @Test
    void theListCommandAsksForTheParsedColumnsOfAllVersionTypes() {
        assertEquals(List.of("list", "-H", "-p", "-o", String.join(",", ListParser.COLUMNS),
                        "-t", "filesystem,volume,snapshot,bookmark", "-r", "--", "pool/a"),
                ListParser.argv(Optional.of(DatasetPath.parse("pool/a"))));
        assertEquals("-r", ListParser.argv(Optional.empty()).get(7));
    }

    @Test
    void emptyOutputIsAnEmptyTree() {
        assertEquals(List.of(), ListParser.parse(""));
    }

    @Test
    void rejectsLinesItCannotTrustNamingTheLine() {
        String good = Captured.read("list-tree.out").split("\n")[0];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ListParser.parse(good + "\ncap/x\tfilesystem\t1"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListParser.parse(good.replace("filesystem", "pool")));
        assertThrows(IllegalArgumentException.class,
                () -> ListParser.parse(good.replaceFirst("\t\\d+\t", "\tnot-a-guid\t")));
    }

    @Test
    void rejectsVersionsOfADatasetThatIsNotListed() {
        String[] lines = Captured.read("list-tree.out").split("\n");
        String orphan = java.util.Arrays.stream(lines).filter(l -> l.startsWith("cap/vol@")).findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> ListParser.parse(lines[0] + "\n" + orphan));
    }

    /** The lines {@code zfs list -d 1 cap/src} prints, taken from the captured recursive listing. */
    static String depthOneOfCapSrc() {
        StringBuilder b = new StringBuilder();
        for (String line : Captured.read("list-tree.out").split("\n")) {
            String name = line.split("\t")[0];
            if (name.equals("cap/src") || name.startsWith("cap/src@") || name.startsWith("cap/src#")
                    || name.equals("cap/src/child")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void oneDatasetIsListedAtDepthOneNotRecursively() {
        assertEquals(List.of("list", "-H", "-p", "-o", String.join(",", ListParser.COLUMNS),
                        "-t", "filesystem,volume,snapshot,bookmark", "-d", "1", "--", "cap/src"),
                ListParser.datasetArgv(DatasetPath.parse("cap/src")));
        assertFalse(ListParser.datasetArgv(DatasetPath.parse("cap/src")).contains("-r"));
        assertEquals(List.of("get", "-H", "-p", "-s", "local", "-o", "name,property,value", "-t", "filesystem,volume",
                        "--", "jzrepl:placeholder,zrepl:placeholder", "cap/dst"),
                ListParser.placeholderArgv(DatasetPath.parse("cap/dst")));
    }

    @Test
    void theDepthOneListingGivesTheDatasetWithItsOwnVersionsAndSkipsItsDirectChildren() {
        String out = depthOneOfCapSrc();
        assertTrue(out.contains("cap/src/child\t"), "the direct child's line is there to be skipped");
        DatasetInfo src = ListParser.parseDataset(DatasetPath.parse("cap/src"), out).orElseThrow();
        assertEquals(BY_NAME.get("cap/src"), src);
        assertEquals(List.of("#a", "@a", "@b"), src.versions().stream().map(FilesystemVersion::relativeName).toList());
        assertEquals(Optional.empty(), ListParser.parseDataset(DatasetPath.parse("cap/src"), ""));
    }

    @Test
    void aDepthOneListingNamingAnythingButTheDatasetItsVersionsAndChildrenIsRefused() {
        String out = depthOneOfCapSrc();
        String child = Captured.read("list-tree.out").lines().filter(l -> l.startsWith("cap/src/child@c1\t"))
                .findFirst().orElseThrow();
        String other = Captured.read("list-tree.out").lines().filter(l -> l.startsWith("cap/enc@e1\t"))
                .findFirst().orElseThrow();
        String sibling = Captured.read("list-tree.out").lines().filter(l -> l.startsWith("cap/vol\t"))
                .findFirst().orElseThrow();
        for (String extra : List.of(child, other, sibling)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ListParser.parseDataset(DatasetPath.parse("cap/src"), out + extra + "\n"));
            assertTrue(e.getMessage().contains("listing cap/src at depth 1 shows"), e.getMessage());
        }
    }
}
