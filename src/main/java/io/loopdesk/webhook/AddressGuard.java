package io.loopdesk.webhook;

import io.loopdesk.problem.InvalidInput;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides which addresses Loopdesk may send webhooks to. Customers choose webhook URLs, so
 * without this check a URL could make the server call its own loopback services, the private
 * network around it or a cloud metadata service. Loopback, private, shared (CGNAT), link-local,
 * multicast, unspecified, broadcast, reserved and metadata addresses are refused, in IPv4 and
 * IPv6, including IPv4 addresses hidden inside IPv6 ones and unusual numeric spellings such as
 * {@code 2130706433} or {@code 0x7f.1}. Where the operator allows private targets (local
 * development, tests) only cloud metadata addresses and names are still refused, in every one of
 * those spellings: a development machine may run on a cloud instance too.
 */
public final class AddressGuard {

    /** Looks up a host name; the default asks the system resolver. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final String METADATA = "cloud metadata service";
    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal",
            "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal");

    /**
     * Where private targets are allowed a name is not looked up at registration, so a hook can be
     * registered on a development machine without DNS; what it resolves to is checked when sent.
     */
    private static final Resolver NO_LOOK_UP = host -> {
        throw new UnknownHostException(host);
    };

    private static final Pattern NUMERIC_PART = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern CANONICAL_PART = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final boolean allowPrivate;
    private final Resolver resolver;

    public AddressGuard(boolean allowPrivate) {
        this(allowPrivate, InetAddress::getAllByName);
    }

    public AddressGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /**
     * At registration: an absolute http(s) URL whose host is not refused, or a 400 that names
     * the field and the refused class. A name that does not resolve yet is accepted; it is
     * checked again, resolved, at every send.
     */
    public String checkUrl(String field, String text) {
        URI uri;
        try {
            uri = parse(field, text);
        } catch (InvalidInput notHttp) {
            throw numericRefusal(field, text).orElse(notHttp);
        }
        try {
            addressesOf(uri.getHost(), allowPrivate ? NO_LOOK_UP : resolver);
        } catch (RefusedAddress e) {
            throw refused(field, e);
        } catch (UnknownHostException e) {
            return uri.toString();
        }
        return uri.toString();
    }

    /**
     * Java's URI parser does not take {@code 2130706433} or {@code 0x7f.1} for a host, so such
     * URLs are refused as malformed anyway; this names the address they stand for instead.
     */
    private Optional<InvalidInput> numericRefusal(String field, String text) {
        try {
            URI uri = new URI(text.strip());
            String authority = uri.getRawAuthority();
            if (uri.getHost() != null || authority == null) {
                return Optional.empty();
            }
            String host = bare(authority.substring(authority.lastIndexOf('@') + 1)
                    .replaceFirst(":[0-9]*$", ""));
            Optional<InetAddress> address = numericIpv4(host);
            if (address.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> why = whyRefused(address.get());
            if (why.isEmpty() && allowPrivate) {
                return Optional.empty();
            }
            return Optional.of(refused(field, new RefusedAddress("points to "
                    + why.orElse("an unusual spelling of an IPv4 address") + " (" + host + " is "
                    + address.get().getHostAddress() + ")")));
        } catch (URISyntaxException e) {
            return Optional.empty();
        } catch (RefusedAddress e) {
            return Optional.of(refused(field, e));
        }
    }

    private InvalidInput refused(String field, RefusedAddress e) {
        return InvalidInput.validation(field + " " + e.getMessage() + (allowPrivate
                ? "; webhooks cannot target it, even where private addresses are allowed"
                : "; webhooks cannot target private or internal addresses"));
    }

    /**
     * Every address the host stands for, each one checked. The sender connects to one of
     * these and never looks the name up again, so a name that changes its answer between the
     * check and the connection (DNS rebinding) cannot slip past the guard.
     */
    public List<InetAddress> addressesOf(String host) throws UnknownHostException, RefusedAddress {
        return addressesOf(host, resolver);
    }

    private List<InetAddress> addressesOf(String host, Resolver lookUp)
            throws UnknownHostException, RefusedAddress {
        String name = bare(host);
        List<InetAddress> addresses;
        Optional<InetAddress> numeric = numericIpv4(name);
        if (name.contains(":")) {
            addresses = List.of(InetAddress.getByName(name));
        } else if (numeric.isPresent()) {
            addresses = List.of(numeric.get());
            if (!allowPrivate && !isCanonicalIpv4(name)) {
                String why = refusal(numeric.get())
                        .orElse("an unusual spelling of an IPv4 address");
                throw new RefusedAddress("points to " + why + " (" + name + " is "
                        + numeric.get().getHostAddress() + ")");
            }
        } else {
            if (METADATA_NAMES.contains(name)) {
                throw new RefusedAddress("points to a " + METADATA + " (" + name + ")");
            }
            addresses = List.of(lookUp.resolve(name));
            if (addresses.isEmpty()) {
                throw new UnknownHostException(name);
            }
        }
        for (InetAddress address : addresses) {
            Optional<String> why = whyRefused(address);
            if (why.isPresent()) {
                throw new RefusedAddress("points to " + why.get() + " ("
                        + (address.getHostAddress().equals(name) ? name
                        : name + " is " + address.getHostAddress()) + ")");
            }
        }
        return addresses;
    }

    /** The class this guard refuses the address for: metadata only, where private is allowed. */
    private Optional<String> whyRefused(InetAddress address) {
        return refusal(address).filter(why -> !allowPrivate || isMetadata(why));
    }

    private static boolean isMetadata(String why) {
        return why.endsWith(METADATA);
    }

    /** An absolute http or https URL with a host, or a 400 naming the field. */
    public static URI parse(String field, String text) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getHost().isBlank()) {
                throw InvalidInput.validation(field + " must be an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw InvalidInput.validation(field + " must be an http or https URL");
        }
    }

    /** The class of a refused address ("a loopback address", ...), or empty when public. */
    public static Optional<String> refusal(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return refusalOfIpv4(b, "");
        }
        if (isZero(b, 0, 16)) {
            return Optional.of("the unspecified address");
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return Optional.of("a loopback address");
        }
        if (isZero(b, 0, 10) && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
            return refusalOfIpv4(tail(b, 12), "an IPv4-mapped ");
        }
        if (isZero(b, 0, 12)) {
            return Optional.of(refusalOfIpv4(tail(b, 12), "an IPv4-compatible ")
                    .filter(AddressGuard::isMetadata)
                    .orElse("an IPv4-compatible address"));
        }
        if (b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b
                && isZero(b, 4, 12)) {
            return refusalOfIpv4(tail(b, 12), "a NAT64-embedded ");
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return refusalOfIpv4(new byte[] {b[2], b[3], b[4], b[5]}, "a 6to4-embedded ");
        }
        if (b[0] == (byte) 0xfd && b[1] == 0x00 && b[2] == 0x0e && b[3] == (byte) 0xc2
                && isZero(b, 4, 14) && b[14] == 0x02 && b[15] == 0x54) {
            return Optional.of("a " + METADATA);
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address");
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0x80) {
            return Optional.of("a link-local address");
        }
        if (b[0] == (byte) 0xfe && (b[1] & 0xc0) == 0xc0) {
            return Optional.of("a site-local address");
        }
        if (b[0] == (byte) 0xff) {
            return Optional.of("a multicast address");
        }
        if ((b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == (byte) 0xb8)
                || (b[0] == 0x01 && isZero(b, 1, 8))) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    private static Optional<String> refusalOfIpv4(byte[] b, String prefix) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        int a3 = b[3] & 0xff;
        String kind;
        if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) {
            kind = METADATA;
        } else if (a0 == 0) {
            kind = "unspecified address";
        } else if (a0 == 127) {
            kind = "loopback address";
        } else if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            kind = "private address";
        } else if (a0 == 100 && (a1 & 0xc0) == 64) {
            kind = "shared (CGNAT) address";
        } else if (a0 == 169 && a1 == 254) {
            kind = "link-local address";
        } else if (a0 >= 224 && a0 <= 239) {
            kind = "multicast address";
        } else if (a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255) {
            kind = "broadcast address";
        } else if (a0 >= 240 || (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2))
                || (a0 == 198 && (a1 & 0xfe) == 18) || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            kind = "reserved address";
        } else {
            return Optional.empty();
        }
        String article = kind.startsWith("unspecified") ? "an " : "a ";
        return Optional.of((prefix.isEmpty() ? article : prefix) + kind);
    }

    /**
     * A host made only of numbers (decimal, octal with a leading 0, hex with 0x) read the way
     * the C library's inet_aton reads it, since that is how many HTTP stacks would: {@code 127.1}
     * and {@code 2130706433} are both 127.0.0.1. Empty for host names; refused when the numbers
     * do not make an address.
     */
    static Optional<InetAddress> numericIpv4(String name) throws RefusedAddress {
        String[] parts = name.split("\\.", -1);
        if (parts.length > 4) {
            return Optional.empty();
        }
        for (String part : parts) {
            if (!NUMERIC_PART.matcher(part).matches()) {
                return Optional.empty();
            }
        }
        RefusedAddress invalid = new RefusedAddress(
                "is not a valid numeric address (" + name + ")");
        long address = 0;
        for (int i = 0; i < parts.length; i++) {
            long value = partValue(parts[i]);
            boolean last = i == parts.length - 1;
            long room = last ? (1L << (8 * (4 - i))) - 1 : 255;
            if (value < 0 || value > room) {
                throw invalid;
            }
            address |= last ? value : value << (24 - 8 * i);
        }
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isCanonicalIpv4(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (!CANONICAL_PART.matcher(part).matches() || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static long partValue(String part) {
        try {
            if (part.length() > 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
                return part.length() > 10 ? -1 : Long.parseLong(part.substring(2), 16);
            }
            if (part.startsWith("0x") || part.startsWith("0X")) {
                return -1;
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return part.length() > 12 ? -1 : Long.parseLong(part.substring(1), 8);
            }
            return part.length() > 10 ? -1 : Long.parseLong(part);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String bare(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        while (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] tail(byte[] bytes, int from) {
        return java.util.Arrays.copyOfRange(bytes, from, bytes.length);
    }
}
