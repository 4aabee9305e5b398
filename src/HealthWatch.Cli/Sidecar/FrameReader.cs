using System.Globalization;
using System.Text;

namespace HealthWatch.Cli.Sidecar;

/// <summary>
/// Reads LSP-style frames (<c>Content-Length: N\r\n\r\n</c> then N bytes) from a byte stream. After a bad header it
/// resyncs at the next <c>Content-Length:</c>; an oversized body is skipped unread, so one bad frame costs one error.
/// </summary>
internal sealed class FrameReader(Stream input, int maxBodyBytes)
{
    /// <summary>A header block longer than this is garbage, not a header; bounds what a peer can make us buffer.</summary>
    private const int MaxHeaderBytes = 8 * 1024;

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _resyncing;

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;

    private static ReadOnlySpan<byte> ContentLength => "Content-Length:"u8;

    private int Buffered => _end - _start;

    /// <summary>The next frame, or null at the end of the input (a frame cut off by the end is dropped).</summary>
    public async Task<Frame?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_resyncing && !SkipToContentLength())
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            var headerLength = _buffer.AsSpan(_start, Buffered).IndexOf(HeaderEnd);
            if (headerLength < 0)
            {
                if (Buffered > MaxHeaderBytes)
                {
                    _start++;
                    _resyncing = true;
                    return BadFrame(RpcException.ParseError, $"header longer than {MaxHeaderBytes} bytes");
                }

                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                continue;
            }

            var header = Encoding.ASCII.GetString(_buffer, _start, headerLength);
            _start += headerLength + HeaderEnd.Length;
            if (ParseContentLength(header, out var error) is not { } length)
            {
                _resyncing = true;
                return BadFrame(RpcException.ParseError, error);
            }

            if (length > maxBodyBytes)
            {
                return await SkipAsync(length, cancellationToken).ConfigureAwait(false)
                    ? BadFrame(RpcException.InvalidRequest, $"frame of {length} bytes exceeds the limit of {maxBodyBytes} bytes")
                    : null;
            }

            var body = await ReadBodyAsync(length, cancellationToken).ConfigureAwait(false);
            return body is null ? null : new Frame(body, null);
        }
    }

    private static Frame BadFrame(int code, string message) => new(null, new RpcException(code, $"Bad frame: {message}"));

    /// <summary>The Content-Length of a header block, or null with the reason. Other headers (Content-Type) are allowed and ignored.</summary>
    private static long? ParseContentLength(string header, out string error)
    {
        long? length = null;
        foreach (var line in header.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"bad header line '{line}'";
                return null;
            }

            if (line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                if (!long.TryParse(line.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    error = $"bad Content-Length '{line[(colon + 1)..].Trim()}'";
                    return null;
                }

                length = value;
            }
        }

        error = "header has no Content-Length";
        return length;
    }

    /// <summary>Drops bytes up to the next <c>Content-Length:</c>; false when it is not buffered yet (keeping a possible partial match).</summary>
    private bool SkipToContentLength()
    {
        var index = _buffer.AsSpan(_start, Buffered).IndexOf(ContentLength);
        if (index >= 0)
        {
            _start += index;
            _resyncing = false;
            return true;
        }

        _start = Math.Max(_start, _end - (ContentLength.Length - 1));
        return false;
    }

    private async Task<byte[]?> ReadBodyAsync(long length, CancellationToken cancellationToken)
    {
        var body = new byte[length];
        var buffered = (int)Math.Min(length, Buffered);
        _buffer.AsSpan(_start, buffered).CopyTo(body);
        _start += buffered;
        try
        {
            await input.ReadExactlyAsync(body.AsMemory(buffered), cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        return body;
    }

    private async Task<bool> SkipAsync(long length, CancellationToken cancellationToken)
    {
        var buffered = (int)Math.Min(length, Buffered);
        _start += buffered;
        for (var remaining = length - buffered; remaining > 0;)
        {
            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            var skipped = (int)Math.Min(remaining, Buffered);
            _start += skipped;
            remaining -= skipped;
        }

        return true;
    }

    /// <summary>Reads more input after the buffered bytes; false at the end of the input.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, Buffered).CopyTo(_buffer);
            (_start, _end) = (0, Buffered);
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
