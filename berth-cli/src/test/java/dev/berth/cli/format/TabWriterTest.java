package dev.berth.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TabWriterTest {

    @Test
    void pads_columns_to_widest_cell_plus_padding_with_min_width_ten() {
        String out = TabWriter.docker().format("REPOSITORY\tTAG\tSIZE\ntrace-busybox\tlatest\t1.99MB\n");
        assertEquals("""
                REPOSITORY      TAG       SIZE
                trace-busybox   latest    1.99MB
                """, out);
    }

    @Test
    void leaves_last_cell_unpadded_and_pads_empty_cells() {
        assertEquals("a         b\n" + " ".repeat(10) + "c\n",
                TabWriter.docker().format("a\tb\n\tc\n"));
    }

    @Test
    void starts_a_new_column_block_after_a_line_without_tabs() {
        String out = TabWriter.docker().format("aaaaaaaaaaaaaaa\tx\nno tabs here\nb\ty\n");
        assertEquals("aaaaaaaaaaaaaaa   x\nno tabs here\nb         y\n", out);
    }

    @Test
    void aligns_columns_only_where_cells_are_contiguous() {
        // Go's own doc example: b and c are in distinct columns.
        TabWriter writer = new TabWriter(0, 1, '.');
        String out = writer.format("aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n");
        assertEquals("aaaa.bbb.d\naa...b...dd\na....\naa...cccc.eee\n", out);
    }
}
