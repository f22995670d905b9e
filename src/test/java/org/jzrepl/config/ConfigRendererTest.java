package org.jzrepl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {

    private static JzreplConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(yaml, Path.of("t.yml"));
    }

    @Test
    void yamlShowsEveryDefaultOfASinkJob() throws ConfigException {
        String yaml = ConfigRenderer.render(load("jobs:\n- name: sink\n  type: sink\n"
                + "  serve: {type: stdinserver, client_identities: [prod1]}\n  root_fs: pool/sink\n"),
                ConfigRenderer.Format.YAML);
        assertEquals(String.join("\n",
                "global:",
                "  logging:",
                "    - type: \"stdout\"",
                "      level: \"warn\"",
                "      format: \"human\"",
                "      time: true",
                "      color: true",
                "  monitoring: []",
                "  control:",
                "    sockpath: \"/var/run/jzrepl/control\"",
                "  serve:",
                "    stdinserver:",
                "      sockdir: \"/var/run/jzrepl/stdinserver\"",
                "jobs:",
                "  - name: \"sink\"",
                "    type: \"sink\"",
                "    serve:",
                "      type: \"stdinserver\"",
                "      client_identities:",
                "        - \"prod1\"",
                "      max_connections_per_identity: 16",
                "      max_connections: 256",
                "      idle_connection_timeout: \"10m\"",
                "    root_fs: \"pool/sink\"",
                "    recv:",
                "      properties:",
                "        inherit: []",
                "        override: {}",
                "      safe_mount: true",
                "      bandwidth_limit:",
                "        max: \"-1 B\"",
                "        bucket_capacity: \"128 KiB\"",
                "      placeholder:",
                "        encryption: \"unspecified\"",
                ""), yaml);
    }

    @Test
    void durationsAndSizesPrintInTheirShortestExactUnit() throws ConfigException {
        String json = ConfigRenderer.render(load("jobs:\n- name: p\n  type: pull\n"
                + "  connect: {type: tcp, address: 'h:1', dial_timeout: 1500ms}\n  root_fs: b\n  interval: 120m\n"
                + "  recv: {bandwidth_limit: {max: 1024 KiB, bucket_capacity: 8 bit}}\n"
                + "  pruning: {keep_sender: [], keep_receiver: [{type: grid, grid: '60x1m|24 x 1h (keep=all)', regex: x}]}\n"),
                ConfigRenderer.Format.JSON);
        org.junit.jupiter.api.Assertions.assertAll(
                () -> assertContains(json, "\"dial_timeout\" : \"1500ms\""),
                () -> assertContains(json, "\"interval\" : \"2h\""),
                () -> assertContains(json, "\"max\" : \"1 MiB\""),
                () -> assertContains(json, "\"bucket_capacity\" : \"1 B\""),
                () -> assertContains(json, "\"grid\" : \"60x1m | 24x1h(keep=all)\""));
    }

    @Test
    void anOptedOutSafeMountRendersAsFalseAndLoadsBack() throws ConfigException {
        JzreplConfig c = load("jobs:\n- name: p\n  type: pull\n  connect: {type: tcp, address: 'h:1'}\n"
                + "  root_fs: b\n  interval: manual\n  recv: {safe_mount: false, properties: {override: {canmount: 'on'}}}\n"
                + "  pruning: {keep_sender: [], keep_receiver: []}\n");
        RecvOptions recv = ((JobConfig.Pull) c.jobs().get(0)).recv();
        assertEquals(RecvOptions.DEFAULT.withSafeMount(false).withProperties(java.util.List.of(),
                java.util.Map.of("canmount", "on")), recv);
        String yaml = ConfigRenderer.render(c, ConfigRenderer.Format.YAML);
        assertContains(yaml, "      safe_mount: false\n");
        assertEquals(c, load(yaml));
        assertContains(ConfigRenderer.render(c, ConfigRenderer.Format.JSON), "\"safe_mount\" : false");
    }

    private static void assertContains(String text, String part) {
        if (!text.contains(part)) {
            throw new AssertionError("expected to contain " + part + " in\n" + text);
        }
    }
}
