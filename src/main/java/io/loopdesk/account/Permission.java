package io.loopdesk.account;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do. A browser session acts with all of them. */
public enum Permission {
    REQUESTS_READ("requests:read"),
    REQUESTS_WRITE("requests:write"),
    LOOPS_READ("loops:read"),
    LOOPS_WRITE("loops:write");

    private final String wireName;

    Permission(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Permission> fromWire(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    public static Set<Permission> all() {
        return EnumSet.allOf(Permission.class);
    }

    /** Stored as a comma-separated list of wire names. */
    public static String encode(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::wireName)
                .collect(Collectors.joining(","));
    }

    public static Set<Permission> decode(String stored) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (String name : stored.split(",")) {
            fromWire(name.trim()).ifPresent(result::add);
        }
        return result;
    }
}
