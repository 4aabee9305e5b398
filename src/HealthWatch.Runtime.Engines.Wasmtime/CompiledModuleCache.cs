using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace HealthWatch.Runtime.Engines.Wasmtime;

/// <summary>
/// Compiled modules on disk, one file per module and engine. Deserializing bytes Wasmtime did not produce is unsafe,
/// so a file is read back only when its header proves it whole and ours: the file layout is
/// <c>magic (8) | key (32) | payload length (8, little-endian) | SHA-256 of payload (32) | payload</c>, where the
/// key is the SHA-256 of the module's SHA-256, the engine's settings and the Wasmtime version. Anything else
/// (a damaged, truncated or foreign file) is deleted and the module compiled again.
/// </summary>
internal sealed class CompiledModuleCache
{
    public const int HeaderSize = 8 + 32 + 8 + 32;

    private static readonly byte[] Magic = "HWWTMOD1"u8.ToArray();

    private readonly string _directory;
    private readonly byte[] _engineKey;

    /// <param name="directory">The folder; created on first write.</param>
    /// <param name="engineKey">What tells this engine's code from others': Wasmtime version and code-shaping settings.</param>
    public CompiledModuleCache(string directory, string engineKey)
    {
        _directory = directory;
        _engineKey = Encoding.UTF8.GetBytes(engineKey);
    }

    /// <summary>The key of a module's entry.</summary>
    public byte[] Key(ReadOnlySpan<byte> module)
    {
        Span<byte> moduleHash = stackalloc byte[32];
        SHA256.HashData(module, moduleHash);
        return SHA256.HashData([.. moduleHash, .. _engineKey]);
    }

    /// <summary>The file holding the entry for <paramref name="key"/>.</summary>
    public string PathOf(byte[] key) => Path.Combine(_directory, Convert.ToHexStringLower(key) + ".cwasm");

    /// <summary>The verified payload stored under <paramref name="key"/>, or null (and the bad file removed).</summary>
    public byte[]? TryRead(byte[] key)
    {
        var path = PathOf(key);
        byte[] file;
        try
        {
            file = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Missing (the usual miss) or unreadable: compile instead.
            return null;
        }

        if (Verify(file, key) is { } payload)
        {
            return payload;
        }

        Remove(key);
        return null;
    }

    /// <summary>Stores <paramref name="payload"/> under <paramref name="key"/>; a failure to write only costs a later compile.</summary>
    public void Write(byte[] key, ReadOnlySpan<byte> payload)
    {
        var path = PathOf(key);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            Directory.CreateDirectory(_directory);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(Header(key, payload));
                stream.Write(payload);
            }

            // Readers see the old file or the whole new one, never a part.
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Deletes the entry for <paramref name="key"/>, e.g. after Wasmtime rejected its payload.</summary>
    public void Remove(byte[] key)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may hold it; the next write replaces it.
        }
    }

    /// <summary>The payload of <paramref name="file"/> when its header matches <paramref name="key"/> and its contents, else null.</summary>
    internal static byte[]? Verify(ReadOnlySpan<byte> file, ReadOnlySpan<byte> key)
    {
        if (file.Length < HeaderSize || !file[..8].SequenceEqual(Magic) || !file.Slice(8, 32).SequenceEqual(key))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt64LittleEndian(file.Slice(40, 8));
        var payload = file[HeaderSize..];
        if (length != payload.Length)
        {
            return null;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(payload, hash);
        return CryptographicOperations.FixedTimeEquals(hash, file.Slice(48, 32)) ? payload.ToArray() : null;
    }

    internal static byte[] Header(ReadOnlySpan<byte> key, ReadOnlySpan<byte> payload)
    {
        var header = new byte[HeaderSize];
        Magic.CopyTo(header, 0);
        key.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(40), payload.Length);
        SHA256.HashData(payload, header.AsSpan(48));
        return header;
    }
}
