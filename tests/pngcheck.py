#!/usr/bin/env python3
"""pngcheck.py: pixel comparisons for the shell tests, with nothing but the
standard library (a small PNG reader: 8-bit grey, RGB, RGBA, palettes of
1-8 bits; no interlace).  Exit status 0 when the pixels match.

  pngcheck.py cell SHEET.png K COLUMNS CELL_PX RENDER.png
      cell K (1-based) of an explore contact sheet is RENDER.png, pixel
      for pixel.  The sheet's geometry is canting_contact_write's: a 40 px
      title, cells GAP=12 px apart, 34 px of caption under each.
  pngcheck.py caps PREFIX CLOTH.png DPI
      PREFIX-capNN.png, each unmirrored and taken out of its margin, laid
      out as PREFIX-caps.txt says, reproduce CLOTH.png where they cover it.
  pngcheck.py size FILE.png
      prints WIDTHxHEIGHT.
"""
import struct
import sys
import zlib

TITLE, GAP, CAPTION = 40, 12, 34


def read_png(path):
    """(width, height, rows) with rows a list of lists of (r, g, b)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path + ": not a PNG"
    pos, idat, palette = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert interlace == 0, path + ": interlaced"
        elif kind == b"PLTE":
            palette = [tuple(body[i:i + 3]) for i in range(0, len(body), 3)]
        elif kind == b"IDAT":
            idat += body
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    bits = depth * channels
    stride = (width * bits + 7) // 8
    bpp = max(1, bits // 8)
    raw = zlib.decompress(idat)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        rows.append(pixels(line, width, depth, ctype, palette))
    return width, height, rows


def pixels(line, width, depth, ctype, palette):
    if depth < 8:
        per = 8 // depth
        idx = [(line[x // per] >> (8 - depth * (x % per + 1))) & ((1 << depth) - 1) for x in range(width)]
        if ctype == 3:
            return [palette[i] for i in idx]
        return [(i * 255 // ((1 << depth) - 1),) * 3 for i in idx]
    if ctype == 3:
        return [palette[i] for i in line[:width]]
    if ctype == 0:
        return [(v, v, v) for v in line[:width]]
    if ctype == 4:
        return [(line[2 * x],) * 3 for x in range(width)]
    n = 3 if ctype == 2 else 4
    return [tuple(line[n * x:n * x + 3]) for x in range(width)]


def cell(sheet, k, cols, cell_px, render):
    _, _, page = read_png(sheet)
    w, h, want = read_png(render)
    if (w, h) != (cell_px, cell_px):
        return "the render is %dx%d, not %d px square" % (w, h, cell_px)
    x0 = GAP + ((k - 1) % cols) * (cell_px + GAP)
    y0 = TITLE + ((k - 1) // cols) * (cell_px + CAPTION + GAP)
    for y in range(cell_px):
        if page[y0 + y][x0:x0 + cell_px] != want[y]:
            return "row %d of cell %d differs" % (y, k)
    return None


def caps(prefix, cloth, dpi):
    cw, ch, want = read_png(cloth)
    grid = [line.split() for line in open(prefix + "-caps.txt") if line.strip() and line.split()[0].isdigit()]
    margin = round(8.0 * dpi / 25.4) + 8  # caps.c: MARGIN_MM 8, plus 8 px
    blocks = {}
    for row in grid:
        for c in row:
            if c not in blocks:
                blocks[c] = read_png("%s-cap%02d.png" % (prefix, int(c)))
    some = next(iter(blocks.values()))
    bw, bh = some[0] - 2 * margin, some[1] - 2 * margin
    compared = 0
    for r, row in enumerate(grid):
        for c, cap in enumerate(row):
            rows = blocks[cap][2]
            for y in range(bh):
                cy = r * bh + y
                if cy >= ch:
                    break
                line = rows[margin + y][margin:margin + bw][::-1]  # a cap prints its mirror image
                n = min(bw, cw - c * bw)
                if n > 0 and line[:n] != want[cy][c * bw:c * bw + n]:
                    return "block at row %d column %d (cap %s) differs at its row %d" % (r + 1, c + 1, cap, y)
                compared += max(n, 0)
    if compared < cw * ch:
        return "the blocks cover %d of %d pixels" % (compared, cw * ch)
    return None


def main(argv):
    if argv[1] == "size":
        w, h, _ = read_png(argv[2])
        print("%dx%d" % (w, h))
        return 0
    if argv[1] == "cell":
        problem = cell(argv[2], int(argv[3]), int(argv[4]), int(argv[5]), argv[6])
    else:
        problem = caps(argv[2], argv[3], float(argv[4]))
    if problem:
        print(problem)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
