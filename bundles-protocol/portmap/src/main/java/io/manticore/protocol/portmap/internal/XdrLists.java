package io.manticore.protocol.portmap.internal;

import java.util.List;
import java.util.function.BiConsumer;

import io.manticore.protocol.oncrpc.internal.xdr.XdrEncoder;

/** The linked lists of RFC 1833 (pmaplist, rpcblist_ptr, rpcb_entry_list_ptr) as XDR writes them. */
final class XdrLists {

    private XdrLists() {
    }

    /** RFC 4506 4.19: each item behind TRUE (a present "next" pointer), then FALSE to end the list. */
    static <T> void write(XdrEncoder out, List<T> items, BiConsumer<XdrEncoder, T> element) {
        for (T item : items) {
            out.writeBool(true);
            element.accept(out, item);
        }
        out.writeBool(false);
    }
}
