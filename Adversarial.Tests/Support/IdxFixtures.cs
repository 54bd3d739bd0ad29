using System.Buffers.Binary;
using System.IO.Compression;

namespace MlNetAdversarial.Tests;

/// <summary>Writes small IDX files, well-formed or broken on purpose.</summary>
internal static class IdxFixtures
{
    public static byte[] Images(int count, int side = 28, byte fill = 128) =>
        Header(0x03, count, side, side).Concat(Enumerable.Repeat(fill, count * side * side)).ToArray();

    public static byte[] Labels(params byte[] labels) => Header(0x01, labels.Length).Concat(labels).ToArray();

    public static byte[] Header(byte dimensionCount, params int[] sizes)
    {
        var header = new byte[4 + 4 * sizes.Length];
        header[2] = 0x08;
        header[3] = dimensionCount;
        for (int i = 0; i < sizes.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), sizes[i]);
        return header;
    }

    public static void WriteGzip(string path, byte[] contents)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(contents);
    }
}
