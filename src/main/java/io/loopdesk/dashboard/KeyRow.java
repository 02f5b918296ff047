package io.loopdesk.dashboard;

import io.loopdesk.account.ApiKey;
import io.loopdesk.account.Permission;
import java.util.List;

/** An API key as the keys page lists it, with the hourly limit that applies to it. */
public record KeyRow(ApiKey key, int hourlyLimit, boolean hasOwnLimit) {

    public List<String> permissionNames() {
        return key.permissions().stream().sorted().map(Permission::wireName).toList();
    }
}
