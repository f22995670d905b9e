package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jzrepl.zfs.DatasetPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilesystemFilterTest {

    /** Filter written as {@code pattern=bool,...}; expectations as dataset → matched. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<=true|any/thing|true",
        "<=true|pool|true",
        "tank<=true|tank|true",
        "tank<=true|tank/a/b|true",
        "tank<=true|tanker|false",
        "tank<=true|other|false",
        "tank=true|tank/a|false",
        "tank=true|tank|true",
        "tank<=true,tank/tmp<=false|tank/tmp/x|false",
        "tank<=true,tank/tmp<=false|tank/tmpx|true",
        "tank<=true,tank/tmp<=false,tank/tmp/keep=true|tank/tmp/keep|true",
        "tank<=true,tank/tmp<=false,tank/tmp/keep=true|tank/tmp/keep/child|false",
        "tank/a<=false,tank/a=true|tank/a|true",
        "tank/a<=false,tank/a=true|tank/a/b|false",
        "tank/a=false,tank/a<=true|tank/a|false",
        "<=true,rpool/swap=false|rpool/swap|false",
        "<=true,rpool/swap=false|rpool/swap/x|true",
        "<=false,tank<=true|tank/x|true",
        "tank/a/b=true|tank/a|false"})
    void longestComponentWiseMatchWinsExactBeatsSubtree(String filter, String dataset, boolean expected) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String kv : filter.split(",")) {
            String[] parts = kv.split("=");
            m.put(parts[0], Boolean.parseBoolean(parts[1]));
        }
        assertEquals(expected, FilesystemFilter.of(m).matches(DatasetPath.parse(dataset)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tank/<|pattern 'tank/<': dataset name 'tank/' must not start or end with '/'",
        "ta<nk|'<' may only end a pattern, in 'ta<nk'",
        "tank<<|'<' may only end a pattern, in 'tank<<'",
        "tank/../x|pattern 'tank/../x': component '..' is not allowed in a dataset name",
        "tank@snap|pattern 'tank@snap': component 'tank@snap' has a character outside [A-Za-z0-9_.: -]"})
    void rejectsBadPatterns(String pattern, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class,
                () -> FilesystemFilter.Rule.parse(pattern, true)).getMessage());
    }

    /** patterns (p:true / p:false, space separated) -> the roots to list, comma separated; "all" for every pool. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "tank<:true;                                  tank",
        "tank/a<:true tank/a/b<:true tank/c:true;       tank/a,tank/c",
        "tank<:true tank/tmp<:false other/x:true;     other/x,tank",
        "<:true tank/tmp<:false;                      all",
        "tank<:false;                                 ''",
    })
    void rootsAreTheIncludedPathsNoneBelowAnother(String patterns, String roots) {
        Map<String, Boolean> m = new LinkedHashMap<>();
        for (String p : patterns.trim().split(" ")) {
            String[] kv = p.split(":");
            m.put(kv[0], Boolean.parseBoolean(kv[1]));
        }
        String got = String.join(",", FilesystemFilter.of(m).roots().stream().map(DatasetPath::name).toList());
        FilesystemFilter f = FilesystemFilter.of(m);
        assertEquals(roots.equals("all") ? "" : roots, got);
        if (roots.equals("all")) {
            assertEquals(java.util.List.of(), f.roots(), "a bare < lists every pool");
        }
    }
}
