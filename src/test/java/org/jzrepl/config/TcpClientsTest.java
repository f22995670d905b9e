package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tcp {@code clients} map, with the cases of zrepl's {@code serve_tcp_ipmap_test.go}. */
class TcpClientsTest {
    private static final ServeConfig.Tcp SERVE = new ServeConfig.Tcp(":8888", false, clients());

    private static Map<String, String> clients() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("10.1.2.3", "specific-host");
        m.put("10.1.2.0/24", "subnet-one-two-*");
        m.put("10.1.1.0/24", "subnet-one-one-*");
        m.put("10.1.0.0/24", "subnet-one-zero-*");
        m.put("10.1.0.0/16", "subnet-one-*");
        m.put("fde4:8dba:82e1:1::1", "v6-48-1-specialhost");
        m.put("fde4:8dba:82e1::/48", "v6-48-*");
        m.put("fde4:8dba:82e1:1::/64", "v6-64-1-*");
        m.put("fde4:8dba:82e1:2::/64", "v6-64-2-*");
        m.put("192.168.23.0/24", "db-*");
        m.put("192.168.23.23", "db-twentythree");
        m.put("10.4.0.0/24", "my-*-server");
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.1.2.3|specific-host",
        "10.1.2.1|subnet-one-two-10.1.2.1",
        "10.1.1.1|subnet-one-one-10.1.1.1",
        "10.1.0.23|subnet-one-zero-10.1.0.23",
        "10.1.3.1|subnet-one-10.1.3.1",
        "10.2.1.1|",
        "fde4:8dba:82e1:1::1|v6-48-1-specialhost",
        "fde4:8dba:82e1:23::1|v6-48-fde4:8dba:82e1:23::1",
        "fde4:8dba:82e1:1::2|v6-64-1-fde4:8dba:82e1:1::2",
        "fde4:8dba:82e1:2::1|v6-64-2-fde4:8dba:82e1:2::1",
        "fde4:8dba:82e2::1|",
        "192.168.23.1|db-192.168.23.1",
        "192.168.23.23|db-twentythree",
        "10.4.0.5|my-10.4.0.5-server",
        "fde4:8dba:82e1:0:0:0:0:5|v6-48-fde4:8dba:82e1::5"})
    void longestPrefixWinsAndStarBecomesTheAddress(String address, String identity) throws Exception {
        assertEquals(Optional.ofNullable(identity), SERVE.identityFor(InetAddress.getByName(address)));
    }

    @Test
    void fullWildcardsMatchEveryClientAndV6AllAlsoMatchesV4() throws Exception {
        ClientMap both = ClientMap.parse(Map.of("0.0.0.0/0", "v4-*", "::/0", "v6-*"));
        assertEquals(Optional.of("v4-10.123.234.24"), both.identityFor(InetAddress.getByName("10.123.234.24")));
        assertEquals(Optional.of("v6-fe80::23:42"), both.identityFor(InetAddress.getByName("fe80::23:42")));
        ClientMap v6 = ClientMap.parse(Map.of("::/0", "*"));
        assertEquals(Optional.of("10.0.0.1"), v6.identityFor(InetAddress.getByName("10.0.0.1")),
                "as in Go, IPv4 is compared as ::ffff:a.b.c.d");
    }

    @Test
    void aZonedEntryMatchesOnlyClientsOfThatZoneAndTheZoneJoinsTheIdentity() throws Exception {
        byte[] linkLocal = InetAddress.getByName("fe80::23:42").getAddress();
        InetAddress zoned = Inet6Address.getByAddress(null, linkLocal, 1);   // interface 1: lo on Linux
        String zone = ClientMap.zoneOf(zoned);
        ClientMap m = ClientMap.parse(Map.of("fe80::/16%" + zone, "san-*", "fe80::/10", "plain-*"));
        assertEquals(Optional.of("san-fe80::23:42-" + zone), m.identityFor(zoned));
        assertEquals(Optional.of("plain-fe80::23:42"), m.identityFor(InetAddress.getByAddress(linkLocal)),
                "a client without a zone matches only entries without one");
        assertEquals(Optional.empty(), ClientMap.parse(Map.of("fe80::/10", "plain-*")).identityFor(zoned));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jimmy|db|not an IP address",
        "192.168.1.2|db-*|must not contain '*'",
        "192.168.1.0/24|db-|exactly one '*'",
        "192.168.1.0/24|db-*-*|exactly one '*'",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334|aspecifichost*|must not contain '*'",
        "fe80::/16%eth1|db-|exactly one '*'",
        "fe80::/16|db@-*|not a valid dataset-name component",
        "fe80::1|db@foo|not a valid dataset-name component",
        "fe80::1%eth/0|db|not an interface name",
        "10.0.0.0/33|x-*|prefix length"})
    void refusesWhatZreplRefuses(String key, String identity, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientMap.parse(Map.of(key, identity)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void refusesTwoKeysForTheSameBlock() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("10.0.0.0/8", "a-*");
        m.put("10.0.0.1/8", "b-*");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientMap.parse(m));
        assertEquals("clients '10.0.0.0/8' and '10.0.0.1/8' name the same addresses; keep one", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1", "2001:db8:0:0:0:0:2:1|2001:db8::2:1",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1", "0:0:0:0:0:0:0:0|::", "1:0:2:0:3:0:4:0|1:0:2:0:3:0:4:0",
        "192.0.2.1|192.0.2.1"})
    void formatsAddressesAsGoDoes(String address, String text) throws Exception {
        assertEquals(text, IpNet.format(InetAddress.getByName(address)));
    }

    /** Which identities a removed-client check must treat as still configured. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "specific-host|true",
        "subnet-one-two-10.1.2.9|true",
        "my-10.4.0.7-server|true",
        "db-twentythree|true",
        "db-|false",
        "my--server|false",
        "specific-host2|false",
        "other|false",
    })
    void admitsTheIdentitiesAnAddressCouldHave(String identity, boolean admitted) {
        assertEquals(admitted, SERVE.admits(identity), identity);
    }
}
