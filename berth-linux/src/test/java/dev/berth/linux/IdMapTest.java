package dev.berth.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdMapTest {
    private final IdMap twoRanges = new IdMap(
            List.of(new IdMap.Range(0, 100000, 1000), new IdMap.Range(1000, 300000, 65536)),
            List.of(new IdMap.Range(0, 200000, 66536)));

    @Test
    void identity_maps_every_id_to_itself() {
        assertTrue(IdMap.IDENTITY.isIdentity());
        assertEquals(0, IdMap.IDENTITY.hostUid(0));
        assertEquals(123456, IdMap.IDENTITY.containerGid(123456));
    }

    @Test
    void container_ids_are_shifted_into_the_range_they_fall_in() {
        assertEquals(100000, twoRanges.hostUid(0));
        assertEquals(100999, twoRanges.hostUid(999));
        assertEquals(300000, twoRanges.hostUid(1000));
        assertEquals(200000 + 65534, twoRanges.hostGid(65534));
    }

    @Test
    void host_ids_map_back_and_unmapped_ones_are_the_overflow_id() {
        assertEquals(999, twoRanges.containerUid(100999));
        assertEquals(1005, twoRanges.containerUid(300005));
        assertEquals(IdMap.OVERFLOW_ID, twoRanges.containerUid(0));
        assertEquals(IdMap.OVERFLOW_ID, twoRanges.containerGid(200000 + 66536));
    }

    @Test
    void a_container_id_outside_the_ranges_cannot_be_stored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> twoRanges.hostUid(66536));
        assertEquals("Container ID 66536 cannot be mapped to a host ID", e.getMessage());
    }

    @Test
    void uids_and_gids_are_mapped_together_or_not_at_all() {
        assertThrows(IllegalArgumentException.class,
                () -> new IdMap(List.of(new IdMap.Range(0, 1, 1)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new IdMap.Range(0, 100000, 0));
    }
}
