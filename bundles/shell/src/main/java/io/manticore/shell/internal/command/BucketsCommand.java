package io.manticore.shell.internal.command;

import java.util.ArrayList;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.manticore.api.config.ConfigService;
import io.manticore.api.vfs.Vfs;

/**
 * {@code nas:buckets}: the S3 buckets, configured and under the bucket root;
 * {@code nas:buckets count} adds each one's objects and bytes.
 */
@Component(immediate = true, service = BucketsCommand.class,
        property = {"osgi.command.scope=nas", "osgi.command.function=buckets"})
public final class BucketsCommand {

    private static final String COUNT = "count";
    private static final String AT_LEAST = "≥";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigService configService;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Vfs vfs;

    private final long entryLimit;

    public BucketsCommand() {
        this.entryLimit = ObjectCounter.DEFAULT_ENTRY_LIMIT;
    }

    /** For tests: the command over these services, without OSGi, counting up to {@code entryLimit} entries a bucket. */
    BucketsCommand(ConfigService configService, Vfs vfs, long entryLimit) {
        this.configService = configService;
        this.vfs = vfs;
        this.entryLimit = entryLimit;
    }

    @Descriptor("lists the S3 buckets: namespace path, source (config or bucket_root), public read")
    public Rows<Bucket> buckets() {
        BucketCatalog.Listing listing = BucketCatalog.list(CoreServices.require(configService).current(), vfs);
        Table table = new Table().text("NAME").text("PATH").text("SOURCE").text("PUBLIC-READ");
        for (Bucket b : listing.buckets()) {
            table.row(b.name(), b.path(), b.source(), Cells.yesNo(b.publicRead()));
        }
        List<String> notes = new ArrayList<>();
        if (listing.note() != null) {
            notes.add(listing.note());
        }
        print(table, notes);
        return new Rows<>(listing.buckets());
    }

    @Descriptor("with 'count': the buckets with their objects and bytes, walking every folder")
    public Rows<BucketCount> buckets(@Descriptor("count") String action) {
        if (!COUNT.equals(action)) {
            throw new IllegalArgumentException("unknown buckets action '" + action
                    + "': use nas:buckets or nas:buckets count");
        }
        Vfs current = CoreServices.require(vfs);
        BucketCatalog.Listing listing = BucketCatalog.list(CoreServices.require(configService).current(), current);
        ObjectCounter counter = new ObjectCounter(current, entryLimit);
        Table table = new Table().text("NAME").text("PATH").text("SOURCE").text("PUBLIC-READ")
                .number("OBJECTS").number("BYTES");
        List<String> notes = new ArrayList<>();
        if (listing.note() != null) {
            notes.add(listing.note());
        }
        List<BucketCount> records = new ArrayList<>();
        for (Bucket b : listing.buckets()) {
            ObjectCount c = counter.count(b.path());
            records.add(new BucketCount(b, c));
            String bound = c.complete() ? "" : AT_LEAST;
            table.row(b.name(), b.path(), b.source(), Cells.yesNo(b.publicRead()),
                    c.failure() == null ? bound + c.objects() : null, c.failure() == null ? bound + c.bytes() : null);
            notes.addAll(notes(b, c));
        }
        print(table, notes);
        return new Rows<>(records);
    }

    private List<String> notes(Bucket b, ObjectCount c) {
        List<String> notes = new ArrayList<>();
        if (c.failure() != null) {
            notes.add(b.name() + ": not counted: " + b.path() + ": " + c.failure());
        }
        if (c.unreadableFolders() > 0) {
            notes.add(b.name() + ": " + c.unreadableFolders() + " unreadable "
                    + (c.unreadableFolders() == 1 ? "folder" : "folders") + " skipped");
        }
        if (!c.complete()) {
            notes.add(b.name() + ": stopped after " + entryLimit + " entries: the counts are lower bounds");
        }
        return notes;
    }

    private static void print(Table table, List<String> notes) {
        StringBuilder out = new StringBuilder(table.render());
        for (String note : notes) {
            out.append(note).append('\n');
        }
        SessionOutput.print(out.toString());
    }
}
