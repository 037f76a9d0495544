package dev.berth.daemon.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessTableTest {
    private static final String PS_EF = """
            UID          PID    PPID  C STIME TTY          TIME CMD
            root           1       0  0 04:00 ?        00:00:02 /sbin/init
            root       23796   23776  0 04:14 ?        00:00:00 sh -c echo hello > /root/file.txt; while true; do sleep 1; done
            root       23800       1  0 04:14 ?        00:00:00 /usr/bin/conmon --api-version 1
            root       23863   23796  0 04:14 ?        00:00:00 sleep 1
            """;

    @Test
    void keeps_the_container_rows_and_joins_the_command_line() {
        ProcessTable t = ProcessTable.filter(PS_EF, Set.of(23796, 23863));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), t.titles());
        assertEquals(List.of(
                List.of("root", "23796", "23776", "0", "04:14", "?", "00:00:00",
                        "sh -c echo hello > /root/file.txt; while true; do sleep 1; done"),
                List.of("root", "23863", "23796", "0", "04:14", "?", "00:00:00", "sleep 1")), t.processes());
    }

    @Test
    void finds_the_pid_column_wherever_the_ps_args_put_it() {
        ProcessTable t = ProcessTable.filter("COMMAND           PID\nsh              23796\nbash               99\n",
                Set.of(23796));
        assertEquals(List.of("COMMAND", "PID"), t.titles());
        assertEquals(List.of(List.of("sh", "23796")), t.processes());
    }

    @Test
    void rejects_output_without_a_pid_column() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ProcessTable.filter("COMMAND\nsh\n", Set.of(1)));
        assertEquals("Couldn't find PID field in ps output", e.getMessage());
    }

    @Test
    void an_empty_container_gives_titles_and_no_rows() {
        assertEquals(List.of(), ProcessTable.filter(PS_EF, Set.of()).processes());
    }
}
