namespace HealthWatch.Runtime.Engines.Wasmtime.Tests;

public class CompiledModuleCacheTests
{
    private static readonly byte[] Module = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    private static readonly byte[] Payload = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i * 7))];

    private string _directory = null!;
    private CompiledModuleCache _cache = null!;

    [SetUp]
    public void CreateFolder()
    {
        _directory = Path.Combine(Path.GetTempPath(), "hw-wasmtime-cache-" + Guid.NewGuid().ToString("N"));
        _cache = new CompiledModuleCache(_directory, "wasmtime 48.0.0|fuel=True");
    }

    [TearDown]
    public void DeleteFolder()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Test]
    public void TryRead_AfterWrite_ReturnsThePayload()
    {
        var key = _cache.Key(Module);

        _cache.Write(key, Payload);

        _cache.TryRead(key).Should().Equal(Payload);
        Directory.GetFiles(_directory).Should().ContainSingle().Which.Should().EndWith(".cwasm");
    }

    [Test]
    public void TryRead_NothingWritten_ReturnsNull()
    {
        _cache.TryRead(_cache.Key(Module)).Should().BeNull();
    }

    [Test]
    public void Key_OtherModuleOrOtherEngineSettings_Differs()
    {
        var key = _cache.Key(Module);

        _cache.Key([.. Module, 0]).Should().NotEqual(key);
        new CompiledModuleCache(_directory, "wasmtime 48.0.0|fuel=False").Key(Module).Should().NotEqual(key);
        new CompiledModuleCache(_directory, "wasmtime 49.0.0|fuel=True").Key(Module).Should().NotEqual(key);
    }

    [Test]
    public void TryRead_PayloadByteFlipped_IgnoresAndDeletesTheFile()
    {
        var key = _cache.Key(Module);
        _cache.Write(key, Payload);
        var file = File.ReadAllBytes(_cache.PathOf(key));
        file[^1] ^= 0x01;
        File.WriteAllBytes(_cache.PathOf(key), file);

        _cache.TryRead(key).Should().BeNull();
        File.Exists(_cache.PathOf(key)).Should().BeFalse();
    }

    [TestCase(0)]
    [TestCase(40)]
    [TestCase(CompiledModuleCache.HeaderSize)]
    [TestCase(CompiledModuleCache.HeaderSize + 999)]
    public void TryRead_TruncatedFile_IgnoresIt(int length)
    {
        var key = _cache.Key(Module);
        _cache.Write(key, Payload);
        File.WriteAllBytes(_cache.PathOf(key), File.ReadAllBytes(_cache.PathOf(key))[..length]);

        _cache.TryRead(key).Should().BeNull();
    }

    [Test]
    public void TryRead_ForeignFile_IgnoresIt()
    {
        var key = _cache.Key(Module);
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(_cache.PathOf(key), [.. Enumerable.Repeat((byte)0x5a, 4096)]);

        _cache.TryRead(key).Should().BeNull();
    }

    [Test]
    public void TryRead_AnotherEntrysFileUnderThisKey_IgnoresIt()
    {
        var key = _cache.Key(Module);
        var other = _cache.Key([.. Module, 1]);
        _cache.Write(other, Payload);
        File.Copy(_cache.PathOf(other), _cache.PathOf(key));

        _cache.TryRead(key).Should().BeNull();
        _cache.TryRead(other).Should().Equal(Payload);
    }

    [Test]
    public void Verify_PayloadLengthInHeaderWrong_Rejects()
    {
        var key = _cache.Key(Module);
        var file = (byte[])[.. CompiledModuleCache.Header(key, Payload), .. Payload];
        file[40] ^= 0x01;

        CompiledModuleCache.Verify(file, key).Should().BeNull();
    }

    [Test]
    public void Verify_WrongMagic_Rejects()
    {
        var key = _cache.Key(Module);
        var file = (byte[])[.. CompiledModuleCache.Header(key, Payload), .. Payload];
        file[0] = (byte)'X';

        CompiledModuleCache.Verify(file, key).Should().BeNull();
    }

    [Test]
    public void Write_Twice_LeavesOneWholeFileAndNoTemporaries()
    {
        var key = _cache.Key(Module);

        _cache.Write(key, [1, 2, 3]);
        _cache.Write(key, Payload);

        _cache.TryRead(key).Should().Equal(Payload);
        Directory.GetFiles(_directory).Should().ContainSingle();
    }
}
