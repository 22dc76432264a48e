package io.manticore.shell.internal.command;

import java.util.List;

import io.manticore.api.admin.MountInfo;

/** The table of mounts that {@code nas:mounts} and {@code nas:swap} print. */
final class MountTable {

    private MountTable() {
    }

    static Table of(List<MountInfo> mounts) {
        Table table = new Table().text("NAME").text("MODULE").text("PATH").text("STATE")
                .number("CALLS").number("WAITING").text("MOUNT-ID").text("CAPABILITIES");
        for (MountInfo m : mounts) {
            table.row(m.name(), m.module(), m.path(), m.state(), m.calls(), m.waiting(), m.mountId(),
                    Cells.capabilities(m.capabilities()));
        }
        return table;
    }
}
