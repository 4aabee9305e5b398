using System.Text;

namespace HealthWatch.Runtime.Benchmarks.Engine;

/// <summary>
/// A deterministic generator of a large module, for cold-start benchmarks: <see cref="FunctionCount"/> functions of
/// three signatures whose bodies are random sequences of realistic statements (arithmetic on locals, byte and word
/// loops over memory, stores, if/else, br_table, i64 and f64 arithmetic, a global, calls to simpler functions), plus
/// an export <c>run_all</c> that calls every function once and folds the results. Same seed, same bytes.
/// </summary>
internal static class LargeModule
{
    public const int FunctionCount = 2_000;

    public const string ExportName = "run_all";

    // Types: 0 (i32) -> i32, 1 (i32, i32) -> i32, 2 (i32, i64) -> i64, 3 () -> i32 for run_all.
    private const byte I32 = 0x7F, I64 = 0x7E, F64 = 0x7C;

    // Locals after the parameters: i32 x6, then i64 x2, then f64 x1 (indices depend on the parameter count).
    private const int I32Locals = 6;

    public static byte[] Generate(int seed = 1)
    {
        var random = new Random(seed);
        var types = new int[FunctionCount];
        var bodies = new List<byte[]>(FunctionCount + 1);
        for (var i = 0; i < FunctionCount; i++)
        {
            types[i] = random.Next(3);
            bodies.Add(new FunctionBuilder(random, i, types).Build());
        }

        bodies.Add(RunAll(types));

        var module = new Writer();
        module.Bytes("\0asm"u8);
        module.Bytes([1, 0, 0, 0]);
        module.Section(1, s =>
        {
            s.U32(4);
            s.Bytes([0x60, 1, I32, 1, I32]);
            s.Bytes([0x60, 2, I32, I32, 1, I32]);
            s.Bytes([0x60, 2, I32, I64, 1, I64]);
            s.Bytes([0x60, 0, 1, I32]);
        });
        module.Section(3, s =>
        {
            s.U32((uint)FunctionCount + 1);
            foreach (var type in types)
            {
                s.U32((uint)type);
            }

            s.U32(3);
        });
        module.Section(5, s => s.Bytes([1, 0, 1]));
        module.Section(6, s => s.Bytes([1, I32, 1, 0x41, 0, 0x0B]));
        module.Section(7, s =>
        {
            s.U32(1);
            s.Name(ExportName);
            s.Bytes([0x00]);
            s.U32((uint)FunctionCount);
        });
        module.Section(10, s =>
        {
            s.U32((uint)bodies.Count);
            foreach (var body in bodies)
            {
                s.U32((uint)body.Length);
                s.Bytes(body);
            }
        });
        module.Section(11, s =>
        {
            // One active data segment: the loops read something other than zeros.
            s.Bytes([1, 0, 0x41, 0, 0x0B]);
            var data = new byte[4096];
            random.NextBytes(data);
            s.U32((uint)data.Length);
            s.Bytes(data);
        });
        return module.ToArray();
    }

    /// <summary><c>run_all</c>: calls every function once with constant arguments and xors the results.</summary>
    private static byte[] RunAll(int[] types)
    {
        var body = new Writer();
        body.Bytes([1, 1, I32]);
        for (var i = 0; i < types.Length; i++)
        {
            body.Bytes([0x20, 0]);
            body.I32Const(i * 7);
            if (types[i] == 1)
            {
                body.I32Const(i);
            }
            else if (types[i] == 2)
            {
                body.Bytes([0x42]);
                body.S64(i * 3L);
            }

            body.Bytes([0x10]);
            body.U32((uint)i);
            if (types[i] == 2)
            {
                body.Bytes([0xA7]);
            }

            body.Bytes([0x73, 0x21, 0]);
        }

        body.Bytes([0x20, 0, 0x0B]);
        return body.ToArray();
    }

    private sealed class FunctionBuilder(Random random, int index, int[] types)
    {
        private readonly Writer _code = new();
        private readonly int _parameters = types[index] == 0 ? 1 : 2;

        private int I32Local(int n) => n < 1 ? 0 : _parameters + ((n - 1) % I32Locals);

        private int AnyI32 => I32Local(random.Next(I32Locals + 1));

        private int ScratchI32 => I32Local(1 + random.Next(I32Locals));

        private int I64Local => _parameters + I32Locals + random.Next(2);

        private int F64Local => _parameters + I32Locals + 2;

        public byte[] Build()
        {
            var body = new Writer();
            body.Bytes([3, I32Locals, I32, 2, I64, 1, F64]);
            _code.Bytes([0x20, 0, 0x21]);
            _code.U32((uint)I32Local(1));
            var statements = 5 + random.Next(10);
            for (var i = 0; i < statements; i++)
            {
                Statement();
            }

            Return();
            body.Bytes(_code.ToArray());
            body.Bytes([0x0B]);
            return body.ToArray();
        }

        private void Statement()
        {
            switch (random.Next(10))
            {
                case 0 or 1:
                    // a = b op c op const
                    Get(AnyI32);
                    Get(AnyI32);
                    _code.Bytes([(byte)(0x6A + random.Next(3))]);
                    _code.I32Const(random.Next(1, 1000));
                    _code.Bytes([(byte)(0x71 + random.Next(3))]);
                    Set(ScratchI32);
                    break;
                case 2:
                    // a = load32((b & 0xfff0) + offset)
                    Address(AnyI32);
                    _code.Bytes([0x28, 2]);
                    _code.U32((uint)(random.Next(4) * 4));
                    Set(ScratchI32);
                    break;
                case 3:
                    // store32((a & 0xfff0) + offset, b * c)
                    Address(AnyI32);
                    Get(AnyI32);
                    Get(AnyI32);
                    _code.Bytes([0x6C, 0x36, 2]);
                    _code.U32((uint)(random.Next(4) * 4));
                    break;
                case 4:
                    // if (a >u const) b = b + 1 else c = c ^ a
                    var a = AnyI32;
                    var b = ScratchI32;
                    var c = ScratchI32;
                    Get(a);
                    _code.I32Const(random.Next(100_000));
                    _code.Bytes([0x4B, 0x04, 0x40]);
                    Get(b);
                    _code.Bytes([0x41, 1, 0x6A]);
                    Set(b);
                    _code.Bytes([0x05]);
                    Get(c);
                    Get(a);
                    _code.Bytes([0x73]);
                    Set(c);
                    _code.Bytes([0x0B]);
                    break;
                case 5:
                    ByteLoop();
                    break;
                case 6:
                    // x64 = x64 * const + extend(a); x64 = rotl(x64, const)
                    var x = I64Local;
                    Get(x);
                    _code.Bytes([0x42]);
                    _code.S64((random.NextInt64() | 1) & 0xFFFF_FFFF);
                    _code.Bytes([0x7E]);
                    Get(AnyI32);
                    _code.Bytes([0xAD, 0x7C]);
                    _code.Bytes([0x42]);
                    _code.S64(random.Next(1, 63));
                    _code.Bytes([0x89]);
                    Set(x);
                    if (types[index] == 2)
                    {
                        Get(x);
                        Get(1);
                        _code.Bytes([0x85]);
                        Set(1);
                    }

                    break;
                case 7:
                    // f = f * 0.5 + convert(a)
                    Get(F64Local);
                    _code.Bytes([0x44]);
                    _code.Bytes(BitConverter.GetBytes(0.5 + random.NextDouble()));
                    _code.Bytes([0xA2]);
                    Get(AnyI32);
                    _code.Bytes([0xB7, 0xA0]);
                    Set(F64Local);
                    break;
                case 8:
                    Switch();
                    break;
                default:
                    Call();
                    break;
            }
        }

        /// <summary><c>i = 0; loop { acc += load8_u(base + i) ^ i; i++; br_if i &lt; n }</c>, then a global update.</summary>
        private void ByteLoop()
        {
            var i = ScratchI32;
            var acc = ScratchI32;
            while (acc == i)
            {
                acc = ScratchI32;
            }

            var baseLocal = AnyI32;
            while (baseLocal == i)
            {
                baseLocal = AnyI32;
            }

            _code.Bytes([0x41, 0]);
            Set(i);
            _code.Bytes([0x03, 0x40]);
            Get(acc);
            Address(baseLocal, 0xFFC0);
            Get(i);
            _code.Bytes([0x6A, 0x2D, 0, 0]);
            Get(i);
            _code.Bytes([0x73, 0x6A]);
            Set(acc);
            Get(i);
            _code.Bytes([0x41, 1, 0x6A, 0x22]);
            _code.U32((uint)i);
            _code.I32Const(4 + random.Next(28));
            _code.Bytes([0x48, 0x0D, 0, 0x0B]);
            _code.Bytes([0x23, 0]);
            Get(acc);
            _code.Bytes([0x6A, 0x24, 0]);
        }

        /// <summary>A br_table on <c>a &amp; 3</c> over three nested blocks, each case updating a local.</summary>
        private void Switch()
        {
            var target = ScratchI32;
            _code.Bytes([0x02, 0x40, 0x02, 0x40, 0x02, 0x40]);
            Get(AnyI32);
            _code.Bytes([0x41, 3, 0x71, 0x0E, 3, 0, 1, 2, 2, 0x0B]);
            Get(target);
            _code.I32Const(random.Next(1, 50));
            _code.Bytes([0x6A]);
            Set(target);
            _code.Bytes([0x0B]);
            Get(target);
            _code.Bytes([0x41, 3, 0x74]);
            Set(target);
            _code.Bytes([0x0B]);
        }

        /// <summary>A call of a lower-numbered function that makes no calls itself, which bounds the total number of calls.</summary>
        private void Call()
        {
            if (index < 8 || Leaf(index))
            {
                return;
            }

            var callee = index - 1 - random.Next(Math.Min(index, 64));
            if (Leaf(callee) is false)
            {
                return;
            }

            Get(AnyI32);
            if (types[callee] == 1)
            {
                Get(AnyI32);
            }
            else if (types[callee] == 2)
            {
                Get(I64Local);
            }

            _code.Bytes([0x10]);
            _code.U32((uint)callee);
            if (types[callee] == 2)
            {
                _code.Bytes([0xA7]);
            }

            Set(ScratchI32);
        }

        /// <summary>Functions with an index that is a multiple of 4 never call; the others may call those.</summary>
        private static bool Leaf(int function) => function % 4 == 0;

        private void Return()
        {
            Get(I32Local(1));
            for (var i = 2; i <= I32Locals; i++)
            {
                Get(I32Local(i));
                _code.Bytes([0x73]);
            }

            Get(F64Local);
            _code.Bytes([0xFC, 0x02, 0x6A]);
            if (types[index] == 2)
            {
                _code.Bytes([0xAC]);
                Get(I64Local);
                _code.Bytes([0x7C]);
                Get(1);
                _code.Bytes([0x85]);
            }
        }

        /// <summary>Pushes <c>local &amp; mask</c>: with the masks used, every access stays inside the one page.</summary>
        private void Address(int local, int mask = 0xFFF0)
        {
            Get(local);
            _code.I32Const(mask);
            _code.Bytes([0x71]);
        }

        private void Get(int local)
        {
            _code.Bytes([0x20]);
            _code.U32((uint)local);
        }

        private void Set(int local)
        {
            _code.Bytes([0x21]);
            _code.U32((uint)local);
        }
    }

    private sealed class Writer
    {
        private readonly List<byte> _bytes = [];

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                _bytes.Add(b);
            }
        }

        public void U32(uint value)
        {
            do
            {
                var b = (byte)(value & 0x7F);
                value >>= 7;
                _bytes.Add(value == 0 ? b : (byte)(b | 0x80));
            }
            while (value != 0);
        }

        public void S64(long value)
        {
            while (true)
            {
                var b = (byte)(value & 0x7F);
                value >>= 7;
                if ((value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0))
                {
                    _bytes.Add(b);
                    return;
                }

                _bytes.Add((byte)(b | 0x80));
            }
        }

        public void I32Const(int value)
        {
            _bytes.Add(0x41);
            S64(value);
        }

        public void Name(string name)
        {
            var utf8 = Encoding.UTF8.GetBytes(name);
            U32((uint)utf8.Length);
            Bytes(utf8);
        }

        public void Section(byte id, Action<Writer> content)
        {
            var section = new Writer();
            content(section);
            _bytes.Add(id);
            U32((uint)section._bytes.Count);
            _bytes.AddRange(section._bytes);
        }

        public byte[] ToArray() => [.. _bytes];
    }
}
