#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into fuzz/seeds/<target>/.

Seeds: pieces of the sample corpus (corpus/), the test pages (tests/pages/),
the same text in the legacy encodings, and generated edge cases (token-mode
inputs of shapes.rs, numbers, broken JSONL). Run from the repository root:
    python3 fuzz/make_seeds.py
"""
import hashlib, json, os, random, glob

random.seed(16)
OUT = "fuzz/seeds"
TOKEN_MODE = b"\x01"

def put(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)

def chunks(text, size=1200):
    out, cur = [], ""
    for line in text.splitlines(keepends=True):
        if len((cur + line).encode()) > size and cur:
            out.append(cur)
            cur = ""
        cur += line
    if cur:
        out.append(cur)
    return out

texts = []
for p in sorted(glob.glob("corpus/*.txt")):
    t = open(p, encoding="utf-8").read()
    texts += chunks(t)[:3]
pages = [open(p, "rb").read() for p in sorted(glob.glob("tests/pages/*"))]

def tokens(n):
    return TOKEN_MODE + bytes(random.randrange(256) for _ in range(n))

# decode: raw bytes in every encoding the decoder meets.
for t in texts[:6]:
    put("decode", t)
    put("decode", b"\xef\xbb\xbf" + t.encode())
    put("decode", b"\xff\xfe" + t.encode("utf-16-le"))
    put("decode", b"\xfe\xff" + t.encode("utf-16-be"))
    put("decode", t.encode("gb18030"))
    put("decode", t.encode("big5", errors="ignore"))
    put("decode", t.encode()[:-1])
for p in pages:
    put("decode", p)
for edge in [b"", b" \n", b"\x00", b"a\x00b", b"\x80", b"\xe6\x9c", b"\x7f" * 40, b"\xff" * 20]:
    put("decode", edge)

# normalize, analyze, html: text and token sequences.
for t in texts:
    put("normalize", t)
    put("analyze", t)
for p in pages:
    for enc in ("utf-8", "gb18030", "big5"):
        try:
            s = p.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    put("html", s)
    put("analyze", s)
for t in texts[:4]:
    put("html", "<html><head><title>标题</title></head><body><div class=\"content\"><p>"
        + t.replace("\n", "</p><p>") + "</p></div></body></html>")
for n in (8, 32, 128, 512):
    for _ in range(4):
        put("normalize", tokens(n))
        put("analyze", tokens(n))
        put("html", tokens(n))
        put("index", tokens(n))
edges = ["“" * 200 + "1" * 200, "（" * 300 + "三" * 300, "《" * 100 + "》" * 100,
         "1" * 5000, "一万" * 500, "\u200b" * 100, "１２３４５６７８９０％", "黨(dǎng)員(yuán)",
         "3至5个" * 50, "「『“‘" * 50]
for e in edges:
    put("normalize", e)
    put("analyze", e)

# numerals.
for s in ["0", "十二", "一百零五", "一万三千五百", "1.35万", "3千", "16.4亿", "1万600", "两千零二十三",
          "九千九百九十九万亿", "一亿亿", "1,234.5", "１２．５万", "〇", "廿三", "99999999999999999999999999999999999999999",
          "0.000000000000000000000000000000000001", "万", "十十", "一万亿", "1万亿", "三成"]:
    put("numerals", s)
    put("numerals", bytes(random.randrange(256) for _ in range(8)) + s.encode())
for _ in range(8):
    put("numerals", tokens(12))

# index: JSONL streams.
lines = [json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(texts[:4])]
put("index", "\n".join(lines) + "\n")
put("index", lines[0] + "\nnot json\n\n{\"id\":\"e\",\"text\":\"  \"}\n{\"text\":\"无编号1.35万名\"}\n" + lines[1][:40])
put("index", b"{\"id\":\"bad\",\"text\":\"\xff\xfe\"}\n" + lines[2].encode() + b"\n")
put("index", "{\"id\":\"p\",\"text\":\"x\",\"path\":\"a/b.txt\",\"place\":\"天津市\",\"date\":\"2021-06-16\"}\n")
