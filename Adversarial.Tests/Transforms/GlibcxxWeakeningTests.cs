using MlNetAdversarial.Transforms.Torch;

namespace MlNetAdversarial.Tests.Transforms;

/// <summary>
/// The GLIBCXX fix (build/ElfVersionRequirement.cs: the build's inline task and TorchRuntime's run-time fallback)
/// on TorchSharp's real native library as NuGet restored it (read, never written).
/// </summary>
public sealed class GlibcxxWeakeningTests
{
    private static string Original()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(path), $"TorchSharp's native library is not at {path} (restore first)");
        return path;
    }

    [Fact]
    public void MarksOnlyThatVersionWeakInTwoBytesAndOnlyOnce()
    {
        byte[] original = File.ReadAllBytes(Original());
        byte[] elf = (byte[])original.Clone();

        Assert.Null(ElfVersionRequirement.MarkWeak(elf, ElfVersionRequirement.Glibcxx, out bool changed));
        Assert.True(changed);
        int[] differing = Enumerable.Range(0, elf.Length).Where(i => elf[i] != original[i]).ToArray();
        Assert.InRange(differing.Length, 1, 2);
        Assert.True(differing[^1] - differing[0] < 2, "the change is one 16-bit flags field");

        Assert.Null(ElfVersionRequirement.MarkWeak(elf, ElfVersionRequirement.Glibcxx, out bool again));
        Assert.False(again);
    }

    [Fact]
    public void TheBuildLeftTheOutputCopyWeakExactlyWhereTheSystemLacksTheVersion()
    {
        string output = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        string? system = ElfVersionRequirement.SystemLibStdCxx();
        Assert.NotNull(system);
        Assert.Null(ElfVersionRequirement.MarkWeak(File.ReadAllBytes(output), ElfVersionRequirement.Glibcxx, out bool wouldChange));
        Assert.Equal(!ElfVersionRequirement.SystemLacksGlibcxx(system), wouldChange);
    }

    [Fact]
    public void RefusesWhatIsNotA64BitElfFile()
    {
        Assert.Equal("not an ELF file", ElfVersionRequirement.MarkWeak(new byte[100], ElfVersionRequirement.Glibcxx, out _));
        byte[] elf32 = new byte[100];
        elf32[0] = 0x7f; elf32[1] = (byte)'E'; elf32[2] = (byte)'L'; elf32[3] = (byte)'F'; elf32[4] = 1; elf32[5] = 1;
        Assert.Equal("not a 64-bit little-endian ELF file", ElfVersionRequirement.MarkWeak(elf32, ElfVersionRequirement.Glibcxx, out _));
    }
}
