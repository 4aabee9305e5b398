namespace HealthWatch.Fuzz;

/// <summary>Structure-aware mutations of a module's bytes: truncation, bit flips, section shuffles, oversized LEB128s and counts.</summary>
internal static class Mutator
{
    public static byte[] Mutate(byte[] input, Random random)
    {
        var bytes = input;
        // Mostly one mutation, so that many inputs get past the decoder into validation, compilation and execution.
        for (var n = random.Next(3) == 0 ? random.Next(2, 5) : 1; n > 0; n--)
        {
            bytes = random.Next(6) switch
            {
                0 => bytes[..random.Next(bytes.Length + 1)],
                1 => FlipBits(bytes, random),
                2 => ShuffleSections(bytes, random),
                3 => ReplaceLeb(bytes, random, sizeField: true),
                4 => ReplaceLeb(bytes, random, sizeField: false),
                _ => Splice(bytes, random),
            };
        }

        return bytes;
    }

    private static byte[] FlipBits(byte[] bytes, Random random)
    {
        var copy = (byte[])bytes.Clone();
        for (var n = random.Next(1, 9); n > 0 && copy.Length > 0; n--)
        {
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        }

        return copy;
    }

    // Copies a random run of bytes over another place, or inserts or deletes a run.
    private static byte[] Splice(byte[] bytes, Random random)
    {
        if (bytes.Length == 0)
        {
            return bytes;
        }

        var from = random.Next(bytes.Length);
        var length = random.Next(1, Math.Min(64, bytes.Length - from) + 1);
        var to = random.Next(bytes.Length + 1);
        return random.Next(3) switch
        {
            0 => [.. bytes[..to], .. bytes.AsSpan(from, length), .. bytes[to..]],
            1 => [.. bytes[..from], .. bytes[(from + length)..]],
            _ => Overwrite(bytes, to, bytes.AsSpan(from, length).ToArray()),
        };
    }

    private static byte[] ShuffleSections(byte[] bytes, Random random)
    {
        var sections = Sections(bytes);
        if (sections.Count < 2)
        {
            return FlipBits(bytes, random);
        }

        var order = sections.ToArray();
        if (random.Next(2) == 0)
        {
            random.Shuffle(order);
        }
        else
        {
            // Duplicate one section: repeated sections are a classic decoder bug.
            order = [.. order, order[random.Next(order.Length)]];
        }

        return [.. bytes[..8], .. order.SelectMany(s => bytes[s.Start..s.End])];
    }

    // Replaces a section's size, or the first LEB128 of its contents (the item count of most sections), with a huge
    // value, an overlong encoding of the same value, or a LEB128 longer than any integer.
    private static byte[] ReplaceLeb(byte[] bytes, Random random, bool sizeField)
    {
        var sections = Sections(bytes);
        if (sections.Count == 0)
        {
            return FlipBits(bytes, random);
        }

        var section = sections[random.Next(sections.Count)];
        var at = sizeField ? section.Start + 1 : section.ContentStart;
        if (at >= bytes.Length)
        {
            return bytes;
        }

        var (value, length) = ReadLeb(bytes, at);
        byte[] replacement = random.Next(4) switch
        {
            0 => Leb(uint.MaxValue),
            1 => Leb((ulong)random.Next(0x1000, int.MaxValue)),
            2 => [.. Leb(value, padTo: length + random.Next(1, 6))],
            _ => [.. Enumerable.Repeat((byte)0xFF, random.Next(5, 12)), 0x7F],
        };
        return [.. bytes[..at], .. replacement, .. bytes[Math.Min(bytes.Length, at + length)..]];
    }

    private static byte[] Overwrite(byte[] bytes, int at, byte[] run)
    {
        var copy = (byte[])bytes.Clone();
        run.AsSpan(0, Math.Min(run.Length, copy.Length - at)).CopyTo(copy.AsSpan(at));
        return copy;
    }

    private static byte[] Leb(ulong value, int padTo = 0)
    {
        var result = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            result.Add((byte)(b | 0x80));
        }
        while (value != 0 || result.Count < padTo);
        result[^1] &= 0x7F;
        return [.. result];
    }

    private static (ulong Value, int Length) ReadLeb(byte[] bytes, int at)
    {
        ulong value = 0;
        var shift = 0;
        var i = at;
        while (i < bytes.Length && shift < 64)
        {
            var b = bytes[i++];
            value |= (ulong)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        return (value, i - at);
    }

    /// <summary>The top-level sections as far as they can be read: id at Start, contents from ContentStart to End.</summary>
    private static List<(int Start, int ContentStart, int End)> Sections(byte[] bytes)
    {
        var sections = new List<(int, int, int)>();
        var at = 8;
        while (at < bytes.Length)
        {
            var (size, length) = ReadLeb(bytes, at + 1);
            var contentStart = at + 1 + length;
            if (size > (ulong)(bytes.Length - contentStart))
            {
                break;
            }

            var end = contentStart + (int)size;
            sections.Add((at, contentStart, end));
            at = end;
        }

        return sections;
    }
}
