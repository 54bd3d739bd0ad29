#!/usr/bin/env python3
"""Writes the small image files of ImageFileCheckTests (Adversarial.Tests/Fixtures/images/) with Debian's Pillow, one of each
kind a user's image folder may hold: 8- and 16-bit grey, RGB, RGBA, grey+alpha, palette, an Adam7-interlaced PNG (written by
hand here: Pillow writes none), and baseline and progressive JPEG.

    /usr/bin/python3 tools/export_image_fixtures.py
"""
import os
import struct
import zlib

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Adversarial.Tests", "Fixtures", "images")


def pattern(width, height):
    return [[(x * 37 + y * 11) % 256 for x in range(width)] for y in range(height)]


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def interlaced_gray(width, height):
    """An 8-bit grey PNG in Adam7 order: seven reduced images, each row with filter byte 0."""
    pixels = pattern(width, height)
    raw = bytearray()
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]:
        columns = range(x0, width, dx)
        if not columns:
            continue
        for y in range(y0, height, dy):
            raw.append(0)
            raw.extend(pixels[y][x] for x in columns)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 1)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")


def main():
    os.makedirs(OUT, exist_ok=True)
    width, height = 13, 9  # odd sizes: partial bytes at low bit depths, short Adam7 passes
    gray = Image.new("L", (width, height))
    gray.putdata([v for row in pattern(width, height) for v in row])
    rgb = Image.merge("RGB", [gray, gray.transpose(Image.FLIP_LEFT_RIGHT), gray.transpose(Image.FLIP_TOP_BOTTOM)])
    files = {
        "gray8.png": lambda p: gray.save(p),
        "gray16.png": lambda p: gray.convert("I").point(lambda v: v * 257).save(p),
        "gray-alpha.png": lambda p: Image.merge("LA", [gray, gray.transpose(Image.ROTATE_180)]).save(p),
        "rgb.png": lambda p: rgb.save(p),
        "rgba.png": lambda p: Image.merge("RGBA", [*rgb.split(), gray]).save(p),
        "palette.png": lambda p: rgb.quantize(16).save(p),
        "baseline.jpg": lambda p: rgb.save(p, quality=90),
        "progressive.jpg": lambda p: rgb.save(p, quality=90, progressive=True),
    }
    for name, save in files.items():
        save(os.path.join(OUT, name))
    with open(os.path.join(OUT, "interlaced.png"), "wb") as f:
        f.write(interlaced_gray(width, height))
    for name in sorted(os.listdir(OUT)):
        print(f"wrote {os.path.join(OUT, name)} ({os.path.getsize(os.path.join(OUT, name))} bytes)")


if __name__ == "__main__":
    main()
