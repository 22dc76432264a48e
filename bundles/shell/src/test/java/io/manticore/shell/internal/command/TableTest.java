package io.manticore.shell.internal.command;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;

import org.junit.Test;

public class TableTest {

    @Test
    public void alignsTextLeftAndNumbersRightWithTwoSpacesBetweenColumns() {
        Table table = new Table().text("NAME").number("CALLS").text("STATE")
                .row("mem", 12, "ACTIVE")
                .row("data-long", 3456L, "FAILED");

        assertEquals(""
                + "NAME       CALLS  STATE\n"
                + "----       -----  -----\n"
                + "mem           12  ACTIVE\n"
                + "data-long   3456  FAILED\n", table.render());
    }

    @Test
    public void showsMissingAndEmptyCellsAsADash() {
        Table table = new Table().text("NAME").text("DETAIL").number("PORT")
                .row("a", null, null)
                .row("b", "", 7);

        assertEquals(""
                + "NAME  DETAIL  PORT\n"
                + "----  ------  ----\n"
                + "a     -          -\n"
                + "b     -          7\n", table.render());
    }

    @Test
    public void anEmptyTableIsItsHeaderAndUnderline() {
        assertEquals("CACHE  SIZE\n-----  ----\n", new Table().text("CACHE").number("SIZE").render());
    }

    @Test
    public void linesNeverEndInASpace() {
        Table table = new Table().text("A").text("LONGER").row("x", "y");

        assertEquals("A  LONGER\n-  ------\nx  y\n", table.render());
    }

    @Test
    public void aRowWithTheWrongNumberOfCellsIsRefused() {
        Table table = new Table().text("A").text("B");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.row("only one"));
        assertEquals("1 cells for 2 columns", e.getMessage());
    }

    @Test
    public void cellsFormatPercentagesAndMeanTimesWithOneDecimal() {
        assertEquals("87.5%", Cells.percent(0.875));
        assertEquals("0.0%", Cells.percent(0));
        assertEquals("100.0%", Cells.percent(1));
        assertEquals("333.3", Cells.averageMicros(1_000_000, 3));
        assertEquals("0.0", Cells.averageMicros(0, 0));
    }

    @Test
    public void cellsShowUpTo16BytesOfHexWholeAndLongerOnesByTheirEnds() {
        assertEquals("", Cells.hex(new byte[0]));
        assertEquals("00ff7f80", Cells.hex(new byte[] {0, -1, 127, -128}));
        assertEquals("0a".repeat(16), Cells.hex(filled(16, 10)));
        byte[] seventeen = filled(17, 10);
        seventeen[0] = 1;
        seventeen[16] = 2;
        assertEquals("010a0a0a0a0a0a0a..0a0a0a0a0a0a0a02", Cells.hex(seventeen));
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
