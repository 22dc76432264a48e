package io.manticore.protocol.smb.internal.command;

import io.manticore.protocol.smb.internal.wire.Command;

/** The table from command code to its handler; CANCEL is handled by the dispatcher itself. */
public final class CommandTable {

    private CommandTable() {
    }

    public static SmbCommand[] create() {
        SmbCommand[] table = new SmbCommand[Command.COUNT];
        table[Command.NEGOTIATE] = new Negotiate();
        table[Command.SESSION_SETUP] = new SessionSetup();
        table[Command.LOGOFF] = new Logoff();
        table[Command.TREE_CONNECT] = new TreeConnectCommand();
        table[Command.TREE_DISCONNECT] = new TreeDisconnect();
        table[Command.CREATE] = new Create();
        table[Command.CLOSE] = new Close();
        table[Command.FLUSH] = new Flush();
        table[Command.READ] = new Read();
        table[Command.WRITE] = new Write();
        table[Command.LOCK] = new Lock();
        table[Command.IOCTL] = new Ioctl();
        table[Command.ECHO] = new Echo();
        table[Command.QUERY_DIRECTORY] = new QueryDirectory();
        table[Command.CHANGE_NOTIFY] = new NotSupported();
        table[Command.QUERY_INFO] = new QueryInfo();
        table[Command.SET_INFO] = new SetInfo();
        table[Command.OPLOCK_BREAK] = new OplockBreak();
        return table;
    }
}
