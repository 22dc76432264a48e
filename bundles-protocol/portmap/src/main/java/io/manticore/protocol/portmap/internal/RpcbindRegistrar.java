package io.manticore.protocol.portmap.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import io.manticore.protocol.oncrpc.internal.RpcCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps another port mapper (RFC 1833 3, version 2) in step with the TCP ports Manticore wants
 * its program versions registered on. A pass first UNSETs what this registrar set and is no
 * longer wanted at that port, then reads the binder's table (DUMP) and SETs each wanted program
 * version the table lacks, after an UNSET of whatever else the table holds for it (a stale
 * mapping of an earlier run or of another server). So a mapping the binder lost is set again. A
 * pass ends at the first call that gets no answer and the next pass carries on from there.
 * Passes run one at a time on {@code loop}, which alone touches the fields.
 */
final class RpcbindRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(RpcbindRegistrar.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final PmapClient binder;
    /** The binder's address for logs: {@code 127.0.0.1:111}. */
    private final String where;
    private final Supplier<Map<ProgramVersion, Integer>> wanted;
    private final Executor loop;
    /** The TCP port of each program version this registrar set and has not unset. */
    private final Map<ProgramVersion, Integer> registered = new LinkedHashMap<>();
    /** The warnings given about each program version since it was last registered or wanted, so a state that lasts is logged once. */
    private final Map<ProgramVersion, Set<String>> warned = new HashMap<>();
    /** Callers of {@link #reconcile()} waiting for the next pass. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    private boolean running;
    /** Why the last pass failed, or null: logged when it changes, not at every pass. */
    private String problem;

    /**
     * @param wanted what to register, read at the start of every pass on {@code loop}: the TCP
     *               port of each program version
     */
    RpcbindRegistrar(PmapClient binder, Supplier<Map<ProgramVersion, Integer>> wanted, Executor loop) {
        this.binder = binder;
        this.where = binder.binder().getHostString() + ":" + binder.binder().getPort();
        this.wanted = wanted;
        this.loop = loop;
    }

    /** Asks for a pass; the stage completes when a pass begun after this call has ended, whatever its outcome. Any thread. */
    CompletionStage<Void> reconcile() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                waiting.add(done);
                if (!running) {
                    startPass();
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private void startPass() {
        running = true;
        List<CompletableFuture<Void>> served = List.copyOf(waiting);
        waiting.clear();
        CompletionStage<Void> pass;
        try {
            pass = pass(wanted.get());
        } catch (RuntimeException e) {
            pass = CompletableFuture.failedFuture(e);
        }
        pass.whenCompleteAsync((ignored, failure) -> {
            note(failure);
            running = false;
            served.forEach(f -> f.complete(null));
            if (!waiting.isEmpty()) {
                startPass();
            }
        }, loop);
    }

    private CompletionStage<Void> pass(Map<ProgramVersion, Integer> want) {
        warned.keySet().retainAll(want.keySet());
        CompletionStage<Void> chain = DONE;
        boolean unsetting = false;
        for (Map.Entry<ProgramVersion, Integer> mine : List.copyOf(registered.entrySet())) {
            if (!mine.getValue().equals(want.get(mine.getKey()))) {
                chain = chain.thenComposeAsync(v -> unset(mine.getKey(), mine.getValue()), loop);
                unsetting = true;
            }
        }
        if (want.isEmpty()) {
            if (!unsetting) {
                // Nothing to keep in step, so the binder is not called: a failure met later is news again.
                problem = null;
            }
            return chain;
        }
        return chain.thenComposeAsync(v -> binder.dump(), loop)
                .thenComposeAsync(table -> register(want, table), loop);
    }

    private CompletionStage<Void> unset(ProgramVersion pv, int port) {
        return binder.unset(pv.program(), pv.version()).thenAcceptAsync(removed -> {
            registered.remove(pv);
            LOG.info("Unregistered program {} version {} (port {}) from the rpcbind at {}{}", unsigned(pv.program()),
                    unsigned(pv.version()), port, where, removed ? "" : ", which no longer had it");
        }, loop);
    }

    private CompletionStage<Void> register(Map<ProgramVersion, Integer> want, List<PmapMapping> table) {
        CompletionStage<Void> chain = DONE;
        for (Map.Entry<ProgramVersion, Integer> w : want.entrySet()) {
            ProgramVersion pv = w.getKey();
            PmapMapping mine = new PmapMapping(pv.program(), pv.version(), PmapMapping.IPPROTO_TCP, w.getValue());
            List<PmapMapping> present = table.stream().filter(m -> pv.is(m.program(), m.version())).toList();
            if (present.equals(List.of(mine))) {
                registered.put(pv, mine.port());
                continue;
            }
            if (!present.isEmpty()) {
                chain = chain.thenComposeAsync(v -> replace(pv, present), loop);
            }
            chain = chain.thenComposeAsync(v -> set(pv, mine), loop);
        }
        return chain;
    }

    // RFC 1833 3.2: UNSET takes the program version off every protocol, so one call clears the way for the SET.
    private CompletionStage<Void> replace(ProgramVersion pv, List<PmapMapping> present) {
        registered.remove(pv);
        warnOnce(pv, "The rpcbind at " + where + " maps program " + unsigned(pv.program()) + " version "
                + unsigned(pv.version()) + " to " + describe(present) + "; replacing that with Manticore's listener");
        return binder.unset(pv.program(), pv.version()).thenApply(removed -> null);
    }

    private CompletionStage<Void> set(ProgramVersion pv, PmapMapping mine) {
        return binder.set(mine).thenAcceptAsync(taken -> {
            if (taken) {
                registered.put(pv, mine.port());
                warned.remove(pv);
                LOG.info("Registered program {} version {} on TCP port {} with the rpcbind at {}", unsigned(pv.program()),
                        unsigned(pv.version()), mine.port(), where);
            } else {
                warnOnce(pv, "The rpcbind at " + where + " refused program " + unsigned(pv.program())
                        + " version " + unsigned(pv.version()) + " on TCP port " + mine.port()
                        + " (another owner holds it); trying again at every pass");
            }
        }, loop);
    }

    private void warnOnce(ProgramVersion pv, String message) {
        if (warned.computeIfAbsent(pv, k -> new HashSet<>()).add(message)) {
            LOG.warn(message);
        }
    }

    private void note(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String now = cause == null ? null : cause instanceof RpcCallException ? cause.getMessage() : cause.toString();
        if (Objects.equals(now, problem)) {
            return;
        }
        if (now == null) {
            LOG.info("The rpcbind at {} answers again", where);
        } else if (cause instanceof RpcCallException) {
            // Some rpcbind builds deny SET and UNSET over TCP from 127.0.0.1 (AUTH_ERROR) unless started with -i or -L.
            LOG.warn("Cannot keep the rpcbind at {} in step ({}); trying again every pass. It must run and accept "
                    + "SET and UNSET over TCP from 127.0.0.1 (some builds need rpcbind -i or -L)", where, now);
        } else {
            LOG.warn("Cannot keep the rpcbind at {} in step; trying again every pass", where, cause);
        }
        problem = now;
    }

    private static String describe(List<PmapMapping> mappings) {
        return mappings.stream()
                .map(m -> (m.protocol() == PmapMapping.IPPROTO_TCP ? "tcp" : m.protocol() == PmapMapping.IPPROTO_UDP
                        ? "udp" : "protocol " + unsigned(m.protocol())) + " port " + unsigned(m.port()))
                .toList().toString();
    }

    private static String unsigned(int number) {
        return Integer.toUnsignedString(number);
    }
}
