package dev.berth.cli.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.cli.ListOutput;
import dev.berth.cli.Traces;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SystemRenderingTest {

    @Test
    void renders_disk_usage_summary_from_trace() {
        JsonNode df = Traces.json("system-df", "{\"LayersSize\"", 0);
        assertEquals("""
                TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE
                Images          4         1         7.939MB   5.953MB (74%)
                Containers      1         1         26B       0B (0%)
                Local Volumes   1         0         10B       10B (100%)
                Build Cache     0         0         0B        0B
                """, new ListOutput(null, DfCommand.TABLE, false).render(DiskUsageRow.of(df), DiskUsageRow.HEADERS));
    }

    @Test
    void renders_events_with_sorted_attributes() {
        JsonNode die = Traces.json("events", "{\"status\":\"die\"", 0);
        assertEquals("2026-11-28T04:26:44.460240867Z container die 1edd64b44089361002df1342d5b98b0ef6844488d3f28d6151d31c7412258b92"
                + " (exitCode=0, image=trace-busybox, name=trace-ev)", EventLine.of(die, ZoneOffset.UTC));
        JsonNode volume = Traces.json("events", "{\"Type\":\"volume\"", 0);
        assertEquals("2026-11-28T04:26:45.005894553Z volume create trace-evvol (driver=local)", EventLine.of(volume, ZoneOffset.UTC));
    }

    @Test
    void converts_since_and_until_like_docker() {
        Instant now = Instant.ofEpochSecond(1795840009L);
        assertEquals("1795840001", EventTime.parse("1795840001", now, ZoneOffset.UTC));
        assertEquals("1795840001.000000000", EventTime.parse("8s", now, ZoneOffset.UTC));
        assertEquals("1795834609.000000000", EventTime.parse("1h30m", now, ZoneOffset.UTC));
        assertEquals("1795838400.000000000", EventTime.parse("2026-11-28T04:00:00Z", now, ZoneOffset.UTC));
        assertEquals(Duration.ofMillis(1500), EventTime.duration("1.5s"));
        assertEquals(null, EventTime.duration("soon"));
    }

    @Test
    void renders_info_server_section_from_trace() {
        JsonNode info = Traces.json("info", "{\"ID\":\"ILT4", 0);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = InfoPrinter.server(info, false, new PrintStream(err));
        assertTrue(out.startsWith(" Containers: 0\n  Running: 0\n  Paused: 0\n  Stopped: 0\n Images: 4\n"
                + " Server Version: 20.10.24+dfsg1\n Storage Driver: overlay2\n  Backing Filesystem: extfs\n"), out);
        assertTrue(out.contains(" Plugins:\n  Volume: local\n  Network: bridge host ipvlan macvlan null overlay\n  Log: awslogs"), out);
        assertTrue(out.contains(" Swarm: inactive\n Runtimes: io.containerd.runc.v2 io.containerd.runtime.v1.linux runc\n Default Runtime: runc\n"), out);
        assertTrue(out.contains(" Security Options:\n  seccomp\n   Profile: default\n Kernel Version: 6.18.44-fc-v595\n"), out);
        assertTrue(out.contains(" Total Memory: 23.54GiB\n"), out);
        assertTrue(out.endsWith(" Insecure Registries:\n  127.0.0.0/8\n Live Restore Enabled: false\n\n"), out);
    }

    @Test
    void renders_version_layout_from_trace() {
        JsonNode version = Traces.json("version", "{\"Platform\"", 0);
        String out = VersionCommand.render(VersionCommand.client("1.41"), version);
        assertTrue(out.contains(" API version:       1.41 (downgraded from 1.50)\n"), out);
        assertTrue(out.contains("\n\nServer:\n Engine:\n  Version:          20.10.24+dfsg1\n"
                + "  API version:      1.41 (minimum version 1.12)\n"), out);
        assertTrue(out.contains(" containerd:\n  Version:          1.6.20~ds1\n  GitCommit:        1.6.20~ds1-1+deb12u3\n"), out);
    }
}
