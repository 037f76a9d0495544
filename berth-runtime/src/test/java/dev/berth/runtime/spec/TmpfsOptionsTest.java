package dev.berth.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.oci.error.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TmpfsOptionsTest {
    @Test
    void uses_dockers_defaults_when_nothing_is_given() {
        assertEquals(List.of("noexec", "nosuid", "nodev", "rprivate"), TmpfsOptions.withDefaults(""));
    }

    @Test
    void lets_a_given_option_override_its_default_counterpart() {
        assertEquals(List.of("nosuid", "nodev", "rprivate", "exec", "size=64m"), TmpfsOptions.withDefaults("exec,size=64m"));
    }

    @Test
    void keeps_only_the_last_of_repeated_data_options_and_propagations() {
        assertEquals(List.of("noexec", "nosuid", "nodev", "size=2m", "rshared"),
                TmpfsOptions.withDefaults("size=1m,size=2m,rshared"));
    }

    @Test
    void rejects_an_option_tmpfs_does_not_take() {
        assertThrows(InvalidArgumentException.class, () -> TmpfsOptions.withDefaults("colour=blue"));
    }
}
