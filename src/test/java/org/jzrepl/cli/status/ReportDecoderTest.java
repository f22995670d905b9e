package org.jzrepl.cli.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.jzrepl.daemon.status.DaemonReport;
import org.jzrepl.job.JobReport;

class ReportDecoderTest {
    final ObjectMapper json = new ObjectMapper();

    JsonNode sample() {
        return json.valueToTree(SampleReports.built(1000));
    }

    @Test
    void readsBackWhatTheDaemonWrites() throws IOException {
        DaemonReport r = new ReportDecoder().decode(sample());
        assertEquals(json.valueToTree(SampleReports.built(1000)), json.valueToTree(r));
        assertTrue(r.jobs().get(0) instanceof JobReport.Active);
        assertTrue(r.jobs().get(1) instanceof JobReport.Passive);
    }

    @Test
    void ignoresFieldsANewerDaemonAdds() throws IOException {
        JsonNode r = sample();
        ((ObjectNode) r.path("jobs").get(0)).put("somethingNew", 1);
        ((ObjectNode) r).put("alsoNew", "x");
        assertEquals(2, new ReportDecoder().decode(r).jobs().size());
    }

    @Test
    void refusesAnUnknownJobTypeNamingTheJobEscaped() {
        JsonNode r = sample();
        ((ObjectNode) r.path("jobs").get(1)).put("type", "bogus\u001b[H").put("name", "n\u0007");
        IOException e = assertThrows(IOException.class, () -> new ReportDecoder().decode(r));
        assertEquals("job n\\x07 in the daemon's status report has unknown type 'bogus\\x1b[H'", e.getMessage());
    }

    @Test
    void refusesValuesTheRecordsReject() {
        JsonNode r = sample();
        ((ObjectNode) r.path("jobs").get(0).path("current").path("filesystems").get(0).path("steps").get(0))
                .put("bytesReplicated", -5);
        IOException e = assertThrows(IOException.class, () -> new ReportDecoder().decode(r));
        assertTrue(e.getMessage().startsWith("job backup in the daemon's status report does not decode: "),
                e.getMessage());
        assertThrows(IOException.class, () -> new ReportDecoder().decode(json.readTree("{\"jobs\": 3}")));
    }
}
