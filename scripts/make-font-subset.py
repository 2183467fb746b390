#!/usr/bin/env python3
"""Builds assets/NotoSansSC-nianbao.otf: the Simplified Chinese face of Noto
Sans CJK, subset to what nianbao shows.

Keeps: ASCII, GB2312, general and CJK punctuation, full-width forms, and every
character of the sample reports (fixtures/**/*.txt) and of the sources
(src/**/*.rs: UI strings, template labels, check rules). Drops layout features
(egui does no shaping), which keeps the file near 1.6 MB.

Needs Debian's fonts-noto-cjk and fonttools (`pip install fonttools`).
Run from the repository root: python3 scripts/make-font-subset.py
"""

import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TTC = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FACE_SC = 2  # index of "Noto Sans CJK SC" in the collection
OUT = ROOT / "assets" / "NotoSansSC-nianbao.otf"


def gb2312() -> set[str]:
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def ranges() -> set[str]:
    spans = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0xFF),  # Latin-1 punctuation
        (0x2000, 0x206F),  # general punctuation (“ ” … — ‘ ’)
        (0x2190, 0x21FF),  # arrows
        (0x2200, 0x22FF),  # mathematical operators (≈ ≠ √)
        (0x25A0, 0x25FF),  # geometric shapes (● ◆ ▲)
        (0x2600, 0x26FF),  # miscellaneous symbols (⚠ ★)
        (0x2700, 0x27BF),  # dingbats (✓)
        (0x2460, 0x24FF),  # enclosed numerals
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0xFF00, 0xFFEF),  # half-width and full-width forms
    ]
    return {chr(c) for a, b in spans for c in range(a, b + 1)}


def used() -> set[str]:
    chars = set()
    files = list((ROOT / "fixtures").rglob("*.txt")) + list((ROOT / "src").rglob("*.rs"))
    for f in files:
        chars |= set(f.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if c.isprintable() and not c.isspace()}


def main() -> int:
    if not TTC.exists():
        print(f"missing {TTC} (apt-get install fonts-noto-cjk)", file=sys.stderr)
        return 1
    text = "".join(sorted(gb2312() | ranges() | used()))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as t:
        t.write(text)
        t.flush()
        subprocess.run(
            [
                "pyftsubset",
                str(TTC),
                f"--font-number={FACE_SC}",
                f"--text-file={t.name}",
                "--layout-features=",
                "--no-hinting",
                "--desubroutinize",
                "--name-IDs=*",
                f"--output-file={OUT}",
            ],
            check=True,
        )
    print(f"{OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes, {len(text)} characters asked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
