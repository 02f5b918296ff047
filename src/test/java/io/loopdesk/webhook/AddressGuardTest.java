package io.loopdesk.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.loopdesk.problem.InvalidInput;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    /** Names the tests control, so nothing depends on the machine's DNS. */
    private static final Map<String, String[]> NAMES = Map.of(
            "hooks.example.com", new String[] {"93.184.216.34"},
            "internal.example.com", new String[] {"10.1.2.3"},
            "mixed.example.com", new String[] {"93.184.216.34", "192.168.1.20"},
            "v6.example.com", new String[] {"2606:4700:4700::1111"},
            "v6-private.example.com", new String[] {"fd12:3456::1"},
            "metadata-alias.example.com", new String[] {"169.254.169.254"},
            "v6-metadata.example.com", new String[] {"fd00:ec2::254"},
            "mixed-metadata.example.com", new String[] {"10.1.2.3", "169.254.169.254"});

    private final AddressGuard strict = new AddressGuard(false, AddressGuardTest::resolve);
    private final AddressGuard relaxed = new AddressGuard(true, AddressGuardTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] result = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            result[i] = InetAddress.getByName(addresses[i]);
        }
        return result;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/hook",                   // loopback
        "http://127.8.9.10:8080/",                 // loopback, anywhere in 127/8
        "http://10.0.0.1/",                        // private
        "http://172.16.0.1/", "http://172.31.255.254/",
        "http://192.168.0.10/",
        "http://100.64.0.1/", "http://100.127.255.254/",   // shared address space (CGNAT)
        "http://169.254.10.20/",                   // link-local
        "http://169.254.169.254/latest/meta-data/", // cloud metadata
        "http://224.0.0.1/", "http://239.255.255.250/",    // multicast
        "http://0.0.0.0/", "http://0.1.2.3/",      // unspecified / this network
        "http://255.255.255.255/",                 // broadcast
        "http://240.0.0.1/",                       // reserved
        "http://[::1]/",                           // IPv6 loopback
        "http://[::]/",                            // IPv6 unspecified
        "http://[fe80::1]/",                       // IPv6 link-local
        "http://[fc00::1]/", "http://[fd12:3456::1]/",     // unique-local
        "http://[fd00:ec2::254]/",                 // AWS metadata over IPv6
        "http://[ff02::1]/",                       // IPv6 multicast
        "http://[::ffff:127.0.0.1]/",              // IPv4-mapped loopback
        "http://[::ffff:7f00:1]/",                 // the same, in hex
        "http://[::ffff:169.254.169.254]/",        // IPv4-mapped metadata
        "http://[64:ff9b::a00:1]/",                // NAT64 of 10.0.0.1
        "http://[2002:c0a8:101::1]/",              // 6to4 of 192.168.1.1
        "http://2130706433/",                      // 127.0.0.1 as one decimal number
        "http://0177.0.0.1/",                      // octal
        "http://0x7f.1/",                          // hex, short form
        "http://0x7f000001/",                      // hex, one number
        "http://127.1/",                           // short form
        "http://017700000001/",                    // octal, one number
        "http://0xa9.0xfe.0xa9.0xfe/",             // metadata in hex
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.GOOGLE.INTERNAL./",
        "http://internal.example.com/hook",        // a name that resolves to a private address
        "http://mixed.example.com/hook",           // one of its addresses is private
        "http://v6-private.example.com/hook",
        "https://127.0.0.1:8443/secure",
        "http://127.0.0.1./",                      // trailing dot
        "http://256.1.1.1/",                       // numbers that are no address
    })
    void refusesEveryPrivateOrInternalClassAtRegistration(String url) {
        assertThatThrownBy(() -> strict.checkUrl("url", url))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).data().toString())
                        .startsWith("url ").contains("webhooks cannot target"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://hooks.example.com/loopdesk",
        "http://93.184.216.34/hook",
        "https://[2606:4700:4700::1111]/hook",
        "https://v6.example.com:8443/hook?token=abc",
        "http://172.32.0.1/",                      // just outside 172.16/12
        "http://100.128.0.1/",                     // just outside 100.64/10
        "https://not-yet-in-dns.example.org/hook", // checked again when sent
    })
    void acceptsPublicTargets(String url) {
        assertThatCode(() -> strict.checkUrl("url", url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "javascript:alert(1)",
        "gopher://127.0.0.1/", "http:///no-host", "not a url", "//example.com/hook"})
    void acceptsOnlyHttpAndHttps(String url) {
        assertThatThrownBy(() -> relaxed.checkUrl("url", url))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).data())
                        .isEqualTo("url must be an http or https URL"));
    }

    @Test
    void theOperatorMayAllowPrivateTargets() {
        assertThatCode(() -> relaxed.checkUrl("url", "http://127.0.0.1:9000/hook"))
                .doesNotThrowAnyException();
        assertThatCode(() -> relaxed.checkUrl("url", "http://internal.example.com/"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254:8443/",
        "http://2852039166/",                      // one decimal number
        "http://0xa9fea9fe/",                      // one hex number
        "http://0xa9.0xfe.0xa9.0xfe/",             // hex parts
        "http://0251.0376.0251.0376/",             // octal parts
        "http://169.254.43518/",                   // short form
        "http://[::ffff:169.254.169.254]/",        // IPv4-mapped
        "http://[::ffff:a9fe:a9fe]/",              // the same, in hex
        "http://[::169.254.169.254]/",             // IPv4-compatible
        "http://[64:ff9b::a9fe:a9fe]/",            // NAT64
        "http://[2002:a9fe:a9fe::1]/",             // 6to4
        "http://[fd00:ec2::254]/",                 // AWS metadata over IPv6
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://METADATA.GOOGLE.INTERNAL./",
        "http://metadata.goog/",
        "http://instance-data.ec2.internal/",
    })
    void cloudMetadataIsRefusedEvenWherePrivateTargetsAreAllowed(String url) {
        assertThatThrownBy(() -> relaxed.checkUrl("url", url))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).data().toString())
                        .startsWith("url points to ").contains("cloud metadata service")
                        .endsWith("; webhooks cannot target it, even where private addresses"
                                + " are allowed"));
    }

    @Test
    void aRefusedMetadataSpellingNamesTheAddressItStandsFor() {
        assertThatThrownBy(() -> relaxed.checkUrl("callback_url", "http://2852039166/hook"))
                .isInstanceOf(InvalidInput.class)
                .satisfies(e -> assertThat(((InvalidInput) e).data()).isEqualTo(
                        "callback_url points to a cloud metadata service (2852039166 is"
                                + " 169.254.169.254); webhooks cannot target it, even where"
                                + " private addresses are allowed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:9000/hook", "http://10.0.0.5/", "http://192.168.1.1/",
        "http://169.254.10.20/",                   // link-local, but not the metadata address
        "http://[::1]/", "http://[fe80::1]/", "http://[fd12:3456::1]/",
        "http://[::ffff:127.0.0.1]/", "http://localhost:8080/", "http://internal.example.com/",
    })
    void whereAllowedLoopbackPrivateAndLinkLocalTargetsAreAccepted(String url) {
        assertThatCode(() -> relaxed.checkUrl("url", url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376",
        "::ffff:169.254.169.254", "[fd00:ec2::254]", "metadata.google.internal", "metadata",
        "metadata-alias.example.com", "v6-metadata.example.com", "mixed-metadata.example.com"})
    void atSendTimeMetadataIsRefusedEvenWherePrivateTargetsAreAllowed(String host) {
        assertThatThrownBy(() -> relaxed.addressesOf(host))
                .isInstanceOf(RefusedAddress.class)
                .hasMessageStartingWith("points to a")
                .hasMessageContaining("cloud metadata service");
    }

    @Test
    void atSendTimeANameIsRefusedForTheMetadataAddressItResolvesTo() {
        assertThatThrownBy(() -> relaxed.addressesOf("metadata-alias.example.com"))
                .isInstanceOf(RefusedAddress.class)
                .hasMessage("points to a cloud metadata service"
                        + " (metadata-alias.example.com is 169.254.169.254)");
    }

    @Test
    void atSendTimeLoopbackAndPrivateAddressesAreAllowedWhereTheOperatorAllowsThem()
            throws Exception {
        assertThat(relaxed.addressesOf("127.0.0.1"))
                .containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(relaxed.addressesOf("10.0.0.5"))
                .containsExactly(InetAddress.getByName("10.0.0.5"));
        assertThat(relaxed.addressesOf("internal.example.com"))
                .containsExactly(InetAddress.getByName("10.1.2.3"));
    }

    @Test
    void wherePrivateTargetsAreAllowedANameIsFirstLookedUpWhenSent() throws Exception {
        var lookups = new java.util.concurrent.atomic.AtomicInteger();
        AddressGuard guard = new AddressGuard(true, host -> {
            lookups.incrementAndGet();
            return resolve(host);
        });

        assertThat(guard.checkUrl("url", "http://metadata-alias.example.com/hook"))
                .isEqualTo("http://metadata-alias.example.com/hook");
        assertThat(lookups.get()).isZero();
        assertThatThrownBy(() -> guard.addressesOf("metadata-alias.example.com"))
                .isInstanceOf(RefusedAddress.class);
        assertThat(lookups.get()).isEqualTo(1);
    }

    @Test
    void atSendTimeTheNameIsResolvedAndEveryAddressChecked() throws Exception {
        assertThat(strict.addressesOf("hooks.example.com"))
                .containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThatThrownBy(() -> strict.addressesOf("mixed.example.com"))
                .isInstanceOf(RefusedAddress.class)
                .hasMessageContaining("private address")
                .hasMessageContaining("192.168.1.20");
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefused() {
        AddressGuard system = new AddressGuard(false);
        assertThatThrownBy(() -> system.addressesOf("localhost"))
                .isInstanceOf(RefusedAddress.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> system.checkUrl("callback_url", "http://localhost:8080/"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void numericSpellingsAreReadAsTheCLibraryReadsThem() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        assertThat(AddressGuard.numericIpv4("2130706433")).contains(loopback);
        assertThat(AddressGuard.numericIpv4("0177.0.0.1")).contains(loopback);
        assertThat(AddressGuard.numericIpv4("0x7f.1")).contains(loopback);
        assertThat(AddressGuard.numericIpv4("10.1")).contains(InetAddress.getByName("10.0.0.1"));
        assertThat(AddressGuard.numericIpv4("192.168.257"))
                .contains(InetAddress.getByName("192.168.1.1"));
        assertThat(AddressGuard.numericIpv4("example.com")).isEmpty();
        assertThat(AddressGuard.numericIpv4("1e100.net")).isEmpty();
        assertThatThrownBy(() -> AddressGuard.numericIpv4("08.0.0.1"))
                .isInstanceOf(RefusedAddress.class);
        assertThatThrownBy(() -> AddressGuard.numericIpv4("1.2.3.256"))
                .isInstanceOf(RefusedAddress.class);
    }

    @Test
    void aPublicAddressInAnUnusualSpellingIsStillRefused() {
        // 134744072 is 8.8.8.8: not private, but receivers and proxies disagree on such names.
        assertThatThrownBy(() -> strict.checkUrl("url", "http://134744072/"))
                .isInstanceOf(InvalidInput.class);
    }
}
