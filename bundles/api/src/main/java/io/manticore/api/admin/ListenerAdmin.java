package io.manticore.api.admin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Core's listener manager as the shell and tests see it. */
@ProviderType
public interface ListenerAdmin {

    List<ListenerInfo> listeners();
}
