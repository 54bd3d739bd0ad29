using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace MlNetAdversarial.Pipelines.Datasets;

/// <summary>
/// Reads a PNG or JPEG file to its end before it is decoded, because the decoder forgives a file cut short (the missing rows
/// come back grey) and names no reason for one it cannot read. PNG: every chunk's length and CRC, IHDR first, the image data
/// inflated whole to the size IHDR asks for, IEND last. JPEG: every segment up to the end-of-image marker.
/// </summary>
internal static class ImageFileCheck
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>What is wrong with the file, in words; null when it is a whole PNG or JPEG.</summary>
    public static string? Problem(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
            return "the file is empty";
        if (bytes.AsSpan().StartsWith(PngSignature))
            return PngProblem(bytes);
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
            return JpegProblem(bytes);
        return $"it is neither PNG nor JPEG (its first bytes are {Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))})";
    }

    private static string? PngProblem(byte[] bytes)
    {
        int position = PngSignature.Length;
        (int Width, int Height, int BitsPerPixel, bool Interlaced)? header = null;
        using var imageData = new MemoryStream();
        while (true)
        {
            if (position + 12 > bytes.Length)
                return $"it is cut short: the PNG ends at byte {bytes.Length} without its IEND chunk";
            uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position));
            string type = Encoding.ASCII.GetString(bytes, position + 4, 4);
            if (length > int.MaxValue || position + 12 + (long)length > bytes.Length)
                return $"it is cut short: its {type} chunk at byte {position} needs {length} bytes, the file ends after {bytes.Length - position - 12}";
            var chunk = bytes.AsSpan(position + 4, 4 + (int)length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(position + 8 + (int)length));
            if (Crc32.HashToUInt32(chunk) != crc)
                return $"its {type} chunk at byte {position} is damaged (CRC mismatch)";
            var data = chunk[4..];
            if (header is null && type != "IHDR")
                return $"its first chunk is {type}, not IHDR";
            switch (type)
            {
                case "IHDR":
                    header = Header(data);
                    if (header is null)
                        return "its IHDR chunk describes no image this reader knows (size, bit depth or colour type out of the PNG specification)";
                    break;
                case "IDAT":
                    imageData.Write(data);
                    break;
                case "IEND":
                    return ImageDataProblem(imageData, header!.Value);
            }
            position += 12 + (int)length;
        }
    }

    private static (int, int, int, bool)? Header(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
            return null;
        int width = BinaryPrimitives.ReadInt32BigEndian(data), height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
        int depth = data[8], samples = data[9] switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => 0 };
        if (width <= 0 || height <= 0 || samples == 0 || depth is not (1 or 2 or 4 or 8 or 16) || data[12] > 1)
            return null;
        return (width, height, samples * depth, data[12] == 1);
    }

    private static string? ImageDataProblem(MemoryStream compressed, (int Width, int Height, int BitsPerPixel, bool Interlaced) header)
    {
        long expected = header.Interlaced ? Adam7Passes(header.Width, header.Height).Sum(p => RowsBytes(p.Width, p.Height, header.BitsPerPixel))
            : RowsBytes(header.Width, header.Height, header.BitsPerPixel);
        compressed.Position = 0;
        long inflated = 0;
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            var buffer = new byte[81920];
            for (int read; (read = zlib.Read(buffer)) > 0 && inflated <= expected;)
                inflated += read;
        }
        catch (InvalidDataException)
        {
            return "its image data is damaged (the compressed stream does not inflate)";
        }
        return inflated == expected ? null
            : $"its image data holds {inflated} bytes where a {header.Width}x{header.Height} image needs {expected}: the file is cut short or damaged";
    }

    private static long RowsBytes(int width, int height, int bitsPerPixel) =>
        width == 0 || height == 0 ? 0 : height * (1 + ((long)width * bitsPerPixel + 7) / 8);

    private static IEnumerable<(int Width, int Height)> Adam7Passes(int width, int height)
    {
        (int X0, int Y0, int Dx, int Dy)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        return passes.Select(p => ((width - p.X0 + p.Dx - 1) / p.Dx, (height - p.Y0 + p.Dy - 1) / p.Dy));
    }

    private static string? JpegProblem(byte[] bytes)
    {
        int position = 2;
        while (true)
        {
            if (position + 2 > bytes.Length)
                return $"it is cut short: the JPEG ends at byte {bytes.Length} without its end-of-image marker";
            if (bytes[position] != 0xFF)
                return $"it is damaged: no JPEG marker at byte {position}";
            byte marker = bytes[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }
            if (marker == 0xD9)
                return null;
            if (position + 4 > bytes.Length)
                return $"it is cut short: the JPEG ends at byte {bytes.Length} without its end-of-image marker";
            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(position + 2));
            if (length < 2 || position + 2 + length > bytes.Length)
                return $"it is cut short: the JPEG segment at byte {position} needs {length} bytes, the file ends first";
            position += 2 + length;
            if (marker == 0xDA)
                position = AfterEntropyCodedData(bytes, position);
        }
    }

    /// <summary>The position of the first marker after a scan's data (a 0xFF there is followed by 0x00 or a restart marker).</summary>
    private static int AfterEntropyCodedData(byte[] bytes, int position)
    {
        while (position + 1 < bytes.Length && !(bytes[position] == 0xFF && bytes[position + 1] is not (0x00 or (>= 0xD0 and <= 0xD7))))
            position++;
        return position + 1 < bytes.Length ? position : bytes.Length;
    }
}
