using System.Buffers.Binary;
using System.IO.Hashing;
using Microsoft.ML.Data;
using MlNetAdversarial.Pipelines.Datasets;

namespace MlNetAdversarial.Tests.Pipelines;

/// <summary>
/// <see cref="ImageFileCheck"/> on one file of each kind (tools/export_image_fixtures.py): whole files pass (and decode), a file
/// cut at any byte fails, and so do damaged chunks and image data of the wrong size.
/// </summary>
public sealed class ImageFileCheckTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "images");

    public static TheoryData<string> Files() => [.. Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public void AWholeFilePassesAndDecodes(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        Assert.Null(ImageFileCheck.Problem(bytes));
        using var image = MLImage.CreateFromStream(new MemoryStream(bytes));
        Assert.Equal((13, 9), (image.Width, image.Height));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void AFileCutShortAtAnyByteIsRefused(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        var passed = Enumerable.Range(0, bytes.Length).Where(length => ImageFileCheck.Problem(bytes[..length]) is null).ToArray();
        Assert.True(passed.Length == 0, $"{name} cut to {string.Join(", ", passed)} of {bytes.Length} bytes passed");
    }

    [Fact]
    public void ADamagedChunkIsRefused()
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, "rgb.png"));
        bytes[^20] ^= 0x40; // inside IDAT, whose CRC no longer matches
        Assert.Contains("damaged (CRC mismatch)", ImageFileCheck.Problem(bytes));
    }

    [Theory]
    [InlineData("gray8.png")]
    [InlineData("gray16.png")]
    [InlineData("interlaced.png")]
    public void ImageDataOfAnotherSizeThanTheHeaderIsRefused(string name)
    {
        // One row more in IHDR (its CRC made right): the image data no longer fills the image.
        byte[] bytes = File.ReadAllBytes(Path.Combine(Folder, name));
        var header = bytes.AsSpan(8);
        BinaryPrimitives.WriteInt32BigEndian(header[12..], BinaryPrimitives.ReadInt32BigEndian(header[12..]) + 1);
        BinaryPrimitives.WriteUInt32BigEndian(header[21..], Crc32.HashToUInt32(header[4..21]));
        Assert.Contains("x10 image needs", ImageFileCheck.Problem(bytes));
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 1, 2, 3, 4 }, "neither PNG nor JPEG (its first bytes are 01020304)")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "cut short")]
    public void WhatIsNotAnImageSaysWhy(byte[] bytes, string expected)
    {
        Assert.Contains(expected, ImageFileCheck.Problem(bytes));
    }
}
