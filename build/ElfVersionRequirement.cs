#nullable enable
using System;
using System.IO;
using System.Linq;
using System.Text;
#if !ADVERSARIAL_LIBRARY
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
#endif

// One file, compiled twice: as the MSBuild inline task of WeakenGlibcxxVersion.targets (a code task takes one
// source file, hence the two types here) and, with ADVERSARIAL_LIBRARY, into MlNetAdversarial.Transforms, whose
// TorchRuntime applies the same fix at run time where no build of ours ran (notebooks, scripts).
#if ADVERSARIAL_LIBRARY
namespace MlNetAdversarial.Transforms.Torch;
#endif

#if !ADVERSARIAL_LIBRARY
public sealed class WeakenElfVersionRequirement : Task
{
    [Required] public string LibraryPath { get; set; } = "";

    public override bool Execute()
    {
        string? systemLibrary = ElfVersionRequirement.SystemLibStdCxx();
        if (systemLibrary is null)
        {
            Log.LogMessage(MessageImportance.Low, $"No system libstdc++ found; {LibraryPath} left as it is.");
            return true;
        }
        if (!ElfVersionRequirement.SystemLacksGlibcxx(systemLibrary))
        {
            Log.LogMessage(MessageImportance.Low, $"{systemLibrary} provides {ElfVersionRequirement.Glibcxx}; nothing to do.");
            return true;
        }

        byte[] elf = File.ReadAllBytes(LibraryPath);
        string? error = ElfVersionRequirement.MarkWeak(elf, ElfVersionRequirement.Glibcxx, out bool changed);
        if (error is not null)
        {
            Log.LogWarning($"Could not mark {ElfVersionRequirement.Glibcxx} weak in {LibraryPath}: {error}. " +
                           "TorchSharp may fail to load on this system.");
            return true;
        }
        if (!changed)
        {
            return true;
        }

        // Write beside the target and rename, so a failed build never leaves a half-written library
        // (and a hard link into the NuGet cache is replaced, never written through).
        string temp = LibraryPath + ".weakening.tmp";
        File.WriteAllBytes(temp, elf);
        File.Replace(temp, LibraryPath, null);
        Log.LogMessage(MessageImportance.High,
            $"{Path.GetFileName(LibraryPath)}: marked {ElfVersionRequirement.Glibcxx} weak ({systemLibrary} lacks it).");
        return true;
    }
}
#endif

/// <summary>
/// TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 only for GCC 13's marker symbol
/// std::ios_base_library_init(), which is never called; older libstdc++ (Debian 12 stops at 3.4.30) refuses
/// the library for it. Marking that one requirement WEAK in .gnu.version_r (a 2-byte change) lets it load.
/// </summary>
internal static class ElfVersionRequirement
{
    /// <summary>The version TorchSharp's native library asks for.</summary>
    public const string Glibcxx = "GLIBCXX_3.4.32";

    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlagWeak = 0x2;

    private static readonly string[] SystemLibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    /// <summary>The system's libstdc++, or null where none is at the usual places.</summary>
    public static string? SystemLibStdCxx() => SystemLibStdCxxCandidates.FirstOrDefault(File.Exists);

    /// <summary>Whether that libstdc++ lacks <see cref="Glibcxx"/>.</summary>
    public static bool SystemLacksGlibcxx(string systemLibrary) => !ContainsAscii(File.ReadAllBytes(systemLibrary), Glibcxx);

    /// <summary>Sets VER_FLG_WEAK on <paramref name="versionName"/> in the version needs; null when done, else why not.</summary>
    public static string? MarkWeak(byte[] elf, string versionName, out bool changed)
    {
        changed = false;
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            return "not an ELF file";
        if (elf[4] != 2 || elf[5] != 1)
            return "not a 64-bit little-endian ELF file";

        long sectionTable = (long)BitConverter.ToUInt64(elf, 0x28);
        int entrySize = BitConverter.ToUInt16(elf, 0x3A);
        int count = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < count; i++)
        {
            long header = sectionTable + (long)i * entrySize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed)
                continue;
            long offset = (long)BitConverter.ToUInt64(elf, (int)header + 0x18);
            int link = (int)BitConverter.ToUInt32(elf, (int)header + 0x28);
            int needCount = (int)BitConverter.ToUInt32(elf, (int)header + 0x2C);
            long strings = (long)BitConverter.ToUInt64(elf, (int)(sectionTable + (long)link * entrySize) + 0x18);
            return MarkInVerneed(elf, offset, needCount, strings, versionName, out changed);
        }
        return "no .gnu.version_r section";
    }

    private static string? MarkInVerneed(byte[] elf, long need, int needCount, long strings, string versionName,
        out bool changed)
    {
        changed = false;
        for (int n = 0; n < needCount; n++)
        {
            int auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
            long aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
            for (int a = 0; a < auxCount; a++)
            {
                int flagsAt = (int)aux + 4;
                string name = ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8));
                if (name == versionName)
                {
                    ushort flags = BitConverter.ToUInt16(elf, flagsAt);
                    if ((flags & VerFlagWeak) == 0)
                    {
                        BitConverter.GetBytes((ushort)(flags | VerFlagWeak)).CopyTo(elf, flagsAt);
                        changed = true;
                    }
                    return null;
                }
                aux += BitConverter.ToUInt32(elf, (int)aux + 12);
            }
            need += BitConverter.ToUInt32(elf, (int)need + 12);
        }
        return null;
    }

    private static string ReadString(byte[] bytes, long offset)
    {
        int end = Array.IndexOf(bytes, (byte)0, (int)offset);
        return Encoding.ASCII.GetString(bytes, (int)offset, end - (int)offset);
    }

    private static bool ContainsAscii(byte[] haystack, string needle)
    {
        // The task compiles against netstandard2.0, which has no span search.
        byte[] pattern = Encoding.ASCII.GetBytes(needle + "\0");
        for (int i = 0; i <= haystack.Length - pattern.Length; i++)
        {
            int j = 0;
            while (j < pattern.Length && haystack[i + j] == pattern[j])
                j++;
            if (j == pattern.Length)
                return true;
        }
        return false;
    }
}
