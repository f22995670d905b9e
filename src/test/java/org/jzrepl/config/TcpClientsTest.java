package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TcpClientsTest {
    private static final ServeConfig.Tcp SERVE = new ServeConfig.Tcp(":8888", false, clients());

    private static Map<String, String> clients() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("192.168.122.123", "mysql01");
        m.put("192.168.122.0/24", "lan-*");
        m.put("10.0.0.0/8", "ten");
        m.put("10.23.0.0/16", "site-*");
        m.put("fde4:8dba:82e1::/64", "san-*");
        m.put("::1", "localhost6");
        return m;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.168.122.123|mysql01",
        "192.168.122.7|lan-192.168.122.7",
        "10.1.2.3|ten",
        "10.23.4.5|site-10.23.4.5",
        "fde4:8dba:82e1:0:0:0:0:5|san-fde4:8dba:82e1::5",
        "fde4:8dba:82e1::ab:0:0:0|san-fde4:8dba:82e1:0:ab::",
        "0:0:0:0:0:0:0:1|localhost6",
        "172.16.0.1|",
        "fde4:8dba:82e2::1|"})
    void longestPrefixWinsAndStarBecomesTheAddress(String address, String identity) throws Exception {
        assertEquals(Optional.ofNullable(identity), SERVE.identityFor(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2001:db8:0:0:1:0:0:1|2001:db8::1:0:0:1", "2001:db8:0:0:0:0:2:1|2001:db8::2:1",
        "2001:0:0:1:0:0:0:1|2001:0:0:1::1", "0:0:0:0:0:0:0:0|::", "1:0:2:0:3:0:4:0|1:0:2:0:3:0:4:0",
        "192.0.2.1|192.0.2.1"})
    void formatsAddressesAsGoDoes(String address, String text) throws Exception {
        assertEquals(text, IpNet.format(InetAddress.getByName(address)));
    }
}
