package io.manticore.protocol.nfs4.internal.op;

import io.manticore.protocol.nfs4.internal.compound.Operations;

/**
 * The operations served, with their minor versions (RFC 7530 16, RFC 8881 18, RFC 7862 15,
 * RFC 8276 8.4). Those not listed answer NOTSUPP: pNFS layouts, delegations and directory
 * delegations, named attributes, SSV, server-side copy, READ_PLUS, WRITE_SAME, CLONE.
 */
public final class Nfs4Operations {

    private static final int V0 = 0;
    private static final int V1 = 1;
    private static final int V2 = 2;

    private Nfs4Operations() {
    }

    public static Operations table() {
        return new Operations()
                .serve(new Access(), V0, V2)
                .serve(new Close(), V0, V2)
                .serve(new Commit(), V0, V2)
                .serve(new Create(), V0, V2)
                .serve(new DelegReturn(), V0, V2)
                .serve(new Getattr(), V0, V2)
                .serve(new Getfh(), V0, V2)
                .serve(new Link(), V0, V2)
                .serve(new Lock(), V0, V2)
                .serve(new Lockt(), V0, V2)
                .serve(new Locku(), V0, V2)
                .serve(new Lookup(), V0, V2)
                .serve(new Lookupp(), V0, V2)
                .serve(Verify.nverify(), V0, V2)
                .serve(new Open(), V0, V2)
                .serve(new OpenConfirm(), V0, V0)
                .serve(new OpenDowngrade(), V0, V2)
                .serve(new Putfh(), V0, V2)
                .serve(Putrootfh.pub(), V0, V2)
                .serve(Putrootfh.root(), V0, V2)
                .serve(new Read(), V0, V2)
                .serve(new Readdir(), V0, V2)
                .serve(new Readlink(), V0, V2)
                .serve(new Remove(), V0, V2)
                .serve(new Rename(), V0, V2)
                .serve(new Renew(), V0, V0)
                .serve(new Restorefh(), V0, V2)
                .serve(new Savefh(), V0, V2)
                .serve(new Secinfo(), V0, V2)
                .serve(new Setattr(), V0, V2)
                .serve(new SetClientId(), V0, V0)
                .serve(new SetClientIdConfirm(), V0, V0)
                .serve(Verify.verify(), V0, V2)
                .serve(new Write(), V0, V2)
                .serve(new ReleaseLockOwner(), V0, V0)
                .serve(new BindConnToSession(), V1, V2)
                .serve(new ExchangeId(), V1, V2)
                .serve(new CreateSession(), V1, V2)
                .serve(new DestroySession(), V1, V2)
                .serve(new FreeStateid(), V1, V2)
                .serve(new SecinfoNoName(), V1, V2)
                .serve(new Sequence(), V1, V2)
                .serve(new TestStateid(), V1, V2)
                .serve(new DestroyClientId(), V1, V2)
                .serve(new ReclaimComplete(), V1, V2)
                .serve(Allocate.allocate(), V2, V2)
                .serve(Allocate.deallocate(), V2, V2)
                .serve(new Seek(), V2, V2)
                .serve(new GetXattr(), V2, V2)
                .serve(new SetXattr(), V2, V2)
                .serve(new ListXattrs(), V2, V2)
                .serve(new RemoveXattr(), V2, V2);
    }
}
