package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.manticore.api.admin.SessionInfo;
import io.manticore.api.admin.SessionSource;

/** {@code nas:sessions}: the sessions of every protocol that has them (SMB). */
@Component(immediate = true, service = SessionsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=sessions"})
public final class SessionsCommand {

    private static final Comparator<SessionInfo> ORDER = Comparator.comparing(SessionInfo::protocol)
            .thenComparing(SessionInfo::address).thenComparing(SessionInfo::user);

    private final List<SessionSource> sources = new CopyOnWriteArrayList<>();

    public SessionsCommand() {
    }

    /** For tests: the command over {@code sources}, without OSGi. */
    SessionsCommand(List<SessionSource> sources) {
        this.sources.addAll(sources);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addSource(SessionSource source) {
        sources.add(source);
    }

    void removeSource(SessionSource source) {
        sources.remove(source);
    }

    @Descriptor("lists the sessions: protocol, address, user, dialect, signing, encryption, open files, shares")
    public Rows<SessionInfo> sessions() {
        List<SessionInfo> sessions = all(sources);
        Table table = new Table().text("PROTOCOL").text("ADDRESS").text("USER").text("DIALECT").text("SIGNED")
                .text("ENCRYPTED").number("OPEN").text("SHARES");
        for (SessionInfo s : sessions) {
            table.row(s.protocol(), s.address(), s.user(), s.dialect(), Cells.yesNo(s.signing()),
                    Cells.yesNo(s.encryption()), s.openFiles(), Cells.joined(s.shares()));
        }
        table.print();
        return new Rows<>(sessions);
    }

    /** Every source's sessions, by protocol, address and user. */
    static List<SessionInfo> all(List<SessionSource> sources) {
        List<SessionInfo> sessions = new ArrayList<>();
        for (SessionSource source : sources) {
            sessions.addAll(source.sessions());
        }
        sessions.sort(ORDER);
        return sessions;
    }
}
