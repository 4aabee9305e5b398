using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace HealthWatch.Runtime.Capabilities.Network;

/// <summary>
/// Which addresses a probe may not reach unless its grant names them: everything that is not a public unicast
/// address (loopback, private, shared, link-local, unique-local, unspecified, multicast, broadcast, reserved) and
/// the cloud metadata endpoints. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged
/// by that IPv4 address, so <c>::ffff:127.0.0.1</c> is loopback.
/// </summary>
internal static class AddressPolicy
{
    private static readonly IPAddress Nat64Prefix = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress TranslatedPrefix = IPAddress.Parse("::ffff:0:0:0");

    private static readonly (uint Network, int Bits, string Name)[] RestrictedV4 =
    [
        (0x00000000, 8, "unspecified (0.0.0.0/8)"),
        (0x0A000000, 8, "private (10.0.0.0/8)"),
        (0x64400000, 10, "shared CGNAT (100.64.0.0/10)"),
        (0x7F000000, 8, "loopback (127.0.0.0/8)"),
        (0xA9FEA9FE, 32, "cloud metadata (169.254.169.254)"),
        (0xA9FE0000, 16, "link-local (169.254.0.0/16)"),
        (0xAC100000, 12, "private (172.16.0.0/12)"),
        (0xC0000000, 24, "IETF protocol assignments (192.0.0.0/24)"),
        (0xC0A80000, 16, "private (192.168.0.0/16)"),
        (0xC6120000, 15, "benchmarking (198.18.0.0/15)"),
        (0xE0000000, 4, "multicast (224.0.0.0/4)"),
        (0xFFFFFFFF, 32, "broadcast (255.255.255.255)"),
        (0xF0000000, 4, "reserved (240.0.0.0/4)"),
    ];

    private static readonly (IPAddress Network, int Bits, string Name)[] RestrictedV6 =
    [
        (IPAddress.Parse("fd00:ec2::254"), 128, "cloud metadata (fd00:ec2::254)"),
        (IPAddress.Parse("::1"), 128, "loopback (::1)"),
        (IPAddress.Parse("::"), 128, "unspecified (::)"),
        (IPAddress.Parse("100::"), 64, "discard-only (100::/64)"),
        (IPAddress.Parse("64:ff9b:1::"), 48, "local-use NAT64 (64:ff9b:1::/48)"),
        (IPAddress.Parse("2001::"), 32, "Teredo (2001::/32)"),
        (IPAddress.Parse("fc00::"), 7, "unique-local (fc00::/7)"),
        (IPAddress.Parse("fe80::"), 10, "link-local (fe80::/10)"),
        (IPAddress.Parse("fec0::"), 10, "site-local (fec0::/10)"),
        (IPAddress.Parse("ff00::"), 8, "multicast (ff00::/8)"),
    ];

    /// <summary>Why <paramref name="address"/> is restricted (the range's name), or null for a public address.</summary>
    public static string? RestrictedRange(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (EmbeddedIPv4(address) is { } embedded)
        {
            return RestrictedRange(embedded) is { } range ? $"{range} inside {address}" : null;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
            foreach (var (network, bits, name) in RestrictedV4)
            {
                if (value >> (32 - bits) == network >> (32 - bits))
                {
                    return name;
                }
            }

            return null;
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        foreach (var (network, bits, name) in RestrictedV6)
        {
            if (InPrefix(bytes, network, bits))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// The IPv4 address an IPv6 address carries, if any: IPv4-mapped (<c>::ffff:0:0/96</c>), IPv4-translated
    /// (<c>::ffff:0:0:0/96</c>), IPv4-compatible (<c>::/96</c>, deprecated but still routed by some stacks), NAT64
    /// (<c>64:ff9b::/96</c>) and 6to4 (<c>2002::/16</c>).
    /// </summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var compatible = bytes[..12].IndexOfAnyExcept((byte)0) < 0 && BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]) > 1;
        if (compatible || InPrefix(bytes, Nat64Prefix, 96) || InPrefix(bytes, TranslatedPrefix, 96))
        {
            return new IPAddress(bytes[12..]);
        }

        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes[2..6]) : null;
    }

    /// <summary>The address itself, or the IPv4 address an IPv6-mapped one stands for (what a socket really reaches).</summary>
    public static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Whether <paramref name="address"/> is loopback (127.0.0.0/8, ::1, or IPv4-mapped loopback): what a <c>localhost</c> grant opens.</summary>
    public static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(Unmap(address));

    private static bool InPrefix(ReadOnlySpan<byte> address, IPAddress network, int bits)
    {
        Span<byte> prefix = stackalloc byte[16];
        network.TryWriteBytes(prefix, out _);
        var whole = bits / 8;
        if (!address[..whole].SequenceEqual(prefix[..whole]))
        {
            return false;
        }

        var rest = bits % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (address[whole] & mask) == (prefix[whole] & mask);
    }
}
