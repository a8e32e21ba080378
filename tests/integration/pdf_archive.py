"""What an archive asks of a PDF/A-2b file, read off the file: ``archive_problems`` checks the
clauses of ISO 19005-2 that pikepdf, qpdf and poppler can read (no validator such as veraPDF
runs here); docs/report.md lists which clauses are checked and which are not."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
NAMESPACES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "x": "adobe:ns:meta/",
}
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide"}
FORBIDDEN_ACTIONS |= {"/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}


# -- What the file says ----------------------------------------------------------------------


def pdf_date(value: str) -> datetime:
    found = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", value)
    assert found, value
    sign = 1 if found[2] == "+" else -1
    offset = timezone(sign * timedelta(hours=int(found[3]), minutes=int(found[4])))
    return datetime.strptime(found[1], "%Y%m%d%H%M%S").replace(tzinfo=offset)


def xmp_properties(packet: bytes) -> dict[str, object]:
    """The packet's properties as {"prefix:name": text, or list for Seq/Bag/Alt}."""
    assert packet.startswith(b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>')
    header = packet[: packet.index(b"?>")]
    assert b"bytes=" not in header and b"encoding=" not in header  # 6.6.2.1-2, -3
    packet.decode("utf-8")  # 6.6.2.1-5: UTF-8
    root = ET.fromstring(packet)  # 6.6.2.1-4: well-formed
    prefixes = {uri: prefix for prefix, uri in NAMESPACES.items()}
    found: dict[str, object] = {}
    for description in root.iter(f"{{{NAMESPACES['rdf']}}}Description"):
        for prop in description:
            uri, name = prop.tag[1:].split("}")
            # 6.6.2.3.1: only the predefined schemas (no extension schema is declared).
            assert uri in prefixes, prop.tag
            items = list(prop.iter(f"{{{NAMESPACES['rdf']}}}li"))
            key = f"{prefixes[uri]}:{name}"
            found[key] = [item.text or "" for item in items] if items else (prop.text or "")
    return found


def stream_layout_problems(data: bytes, streams: int) -> list[str]:
    """6.1.7.1: each stream's Length is the bytes between the EOL after "stream" and the EOL
    before "endstream"; both EOLs are there. Read straight from the bytes, object by object."""
    problems, seen, at = [], 0, 0
    opening = re.compile(rb"\d+ 0 obj\s*<<((?:(?!endobj).)*?)>>\s*stream(\r\n|\n)", re.S)
    while found := opening.search(data, at):
        length = re.search(rb"/Length (\d+)", found[1])
        if length is None:
            problems.append(f"stream without a direct Length at {found.start()}")
            at = found.end()
            continue
        start = found.end()
        end = start + int(length[1])
        tail = data[end : end + 12]
        if not (tail.startswith(b"\nendstream") or tail.startswith(b"\r\nendstream")):
            problems.append(f"stream at {found.start()}: {tail!r} after its Length")
        seen += 1
        at = end
    if seen != streams:
        problems.append(f"{seen} streams in the bytes, {streams} in the file")
    return problems


def truetype_problems(font: pikepdf.Dictionary, shown: set[int]) -> list[str]:
    """6.2.11: an embedded TrueType font whose widths match its program, whose shown codes
    all have a glyph other than .notdef, and whose cmap suits a symbolic font."""
    name, problems = str(font.BaseFont), []
    descriptor = font.get("/FontDescriptor")
    if descriptor is None or "/FontFile2" not in descriptor:
        return [f"{name}: not an embedded TrueType font"]
    symbolic = int(descriptor.Flags) & 4
    if symbolic and "/Encoding" in font:
        problems.append(f"{name}: a symbolic font with an Encoding")  # 6.2.11.6-3
    if not symbolic and str(font.get("/Encoding")) not in ("/WinAnsiEncoding", "/MacRomanEncoding"):
        problems.append(f"{name}: a non-symbolic font without a standard encoding")
    data = descriptor.FontFile2.read_bytes()
    count = struct.unpack(">H", data[4:6])[0]
    tables = {
        data[12 + 16 * i : 16 + 16 * i]: struct.unpack(">II", data[20 + 16 * i : 28 + 16 * i])
        for i in range(count)
    }
    cmap = tables[b"cmap"][0]
    subtables = struct.unpack(">H", data[cmap + 2 : cmap + 4])[0]
    encodings = [
        struct.unpack(">HHI", data[cmap + 4 + 8 * i : cmap + 12 + 8 * i]) for i in range(subtables)
    ]
    if symbolic and subtables != 1 and not any(e[:2] == (3, 0) for e in encodings):
        problems.append(f"{name}: cmap has {subtables} encodings and no (3,0)")  # 6.2.11.6-4
    table = cmap + encodings[0][2]
    kind = struct.unpack(">H", data[table : table + 2])[0]
    assert kind == 6, f"{name}: cmap format {kind}"  # what ReportLab's subsets use
    first, entries = struct.unpack(">HH", data[table + 6 : table + 10])
    glyphs = struct.unpack(f">{entries}H", data[table + 10 : table + 10 + 2 * entries])
    units = struct.unpack(">H", data[tables[b"head"][0] + 18 : tables[b"head"][0] + 20])[0]
    metrics = struct.unpack(">H", data[tables[b"hhea"][0] + 34 : tables[b"hhea"][0] + 36])[0]
    hmtx = tables[b"hmtx"][0]

    def advance(glyph: int) -> int:
        index = min(glyph, metrics - 1)
        return struct.unpack(">H", data[hmtx + 4 * index : hmtx + 4 * index + 2])[0]

    first_char, widths = int(font.FirstChar), [float(w) for w in font.Widths]
    if len(widths) != int(font.LastChar) - first_char + 1:
        problems.append(f"{name}: Widths of the wrong length")  # 6.2.11.2-6
    for code in shown:
        glyph = glyphs[code - first] if first <= code < first + entries else 0
        if glyph == 0:
            problems.append(f"{name}: code {code} shows .notdef")  # 6.2.11.8 / 6.2.11.4.1
            continue
        width = advance(glyph) * 1000 / units
        if abs(width - widths[code - first_char]) > 1:  # 6.2.11.5
            problems.append(f"{name}: code {code} is {widths[code - first_char]} wide, not {width}")
    return problems


def content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What the pages draw: DeviceRGB or DeviceGray colour only (6.2.4.3), q/Q nested at most
    28 deep and no overlong string or page (6.1.13), own resources (6.2.2), every shown
    character code with a glyph of the right width (6.2.11)."""
    problems: list[str] = []
    shown: dict[tuple, set[int]] = {}
    fonts: dict[tuple, pikepdf.Dictionary] = {}
    for number, page in enumerate(pdf.pages, start=1):
        if "/Resources" not in page.obj:  # 6.2.2-2: not inherited from the page tree
            problems.append(f"page {number}: resources only inherited")
        box = [float(v) for v in page.MediaBox]
        if not all(3 <= abs(box[i + 2] - box[i]) <= 14400 for i in (0, 1)):  # 6.1.13-11
            problems.append(f"page {number}: media box {box}")
        resources = page.Resources
        assert "/XObject" not in resources, "forms and images are checked by nothing here"
        font, depth = None, 0
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                depth += 1
                if depth > 28:
                    problems.append(f"page {number}: q nested {depth} deep")
            elif op == "Q":
                depth -= 1
            elif op in ("k", "K") or (op in ("cs", "CS") and str(operands[0]) == "/DeviceCMYK"):
                problems.append(f"page {number}: CMYK colour ({op})")
            elif op in ("sh", "BI", "Do", "gs"):
                problems.append(f"page {number}: {op}, which nothing here checks")
            elif op == "Tf":
                font = resources.Font[operands[0]]
                fonts[font.objgen] = font
            elif op in ("Tj", "TJ", "'", '"'):
                strings = operands[0] if op == "TJ" else operands[-1:]
                codes = shown.setdefault(font.objgen, set())
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        codes.update(bytes(item))
                        if len(bytes(item)) > 32767:  # 6.1.13-3
                            problems.append(f"page {number}: a string too long")
    for key, font in fonts.items():
        problems += truetype_problems(font, shown.get(key, set()))
    return problems


def object_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Every object of the file: limits (6.1.13), no encryption, actions, JavaScript,
    transparency, transfer functions, optional content or embedded files."""
    problems: list[str] = []

    def visit(obj: object, where: str) -> None:
        if isinstance(obj, pikepdf.String):
            if len(bytes(obj)) > 32767:
                problems.append(f"{where}: a string of {len(bytes(obj))} bytes")
        elif isinstance(obj, pikepdf.Name):
            if len(str(obj).encode("utf-8")) > 128:
                problems.append(f"{where}: a name longer than 127 bytes")
        elif isinstance(obj, int) and not -(2**31) <= obj < 2**31:
            problems.append(f"{where}: integer {obj}")
        elif isinstance(obj, pikepdf.Array):
            for item in obj:
                visit(item, where)
        elif isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            keys = set(obj.keys())
            for key in keys & {"/JS", "/AA", "/F", "/FFilter", "/FDecodeParms", "/TR", "/HTP"}:
                if key == "/F" and not isinstance(obj, pikepdf.Stream):
                    continue  # an annotation's flags, checked below
                problems.append(f"{where}: {key}")
            if keys & {"/EmbeddedFiles", "/EF", "/OCProperties", "/Requirements"}:
                problems.append(f"{where}: {sorted(keys)}")
            if str(obj.get("/S", "")) in FORBIDDEN_ACTIONS:
                problems.append(f"{where}: action {obj.S}")
            if str(obj.get("/Filter", "")) == "/LZWDecode":
                problems.append(f"{where}: LZW")
            if str(obj.get("/TR2", "/Default")) != "/Default":
                problems.append(f"{where}: TR2")
            # No transparency at all (PDF/A-2 allows some; the report needs none).
            for alpha in ("/CA", "/ca"):
                if alpha in keys and float(obj[alpha]) < 1:
                    problems.append(f"{where}: {alpha} {obj[alpha]}")
            if str(obj.get("/SMask", "/None")) != "/None" or "/Group" in keys:
                problems.append(f"{where}: soft mask or transparency group")
            if str(obj.get("/BM", "/Normal")) not in ("/Normal", "/Compatible"):
                problems.append(f"{where}: blend mode {obj.BM}")
            if str(obj.get("/Type", "")) == "/Annot":  # 6.3.2: printed, never hidden
                flags = int(obj.get("/F", 0))
                if flags & 0b100100011 != 0b100:
                    problems.append(f"{where}: annotation flags {flags}")
            for key in keys:
                value = obj[key]
                if not (isinstance(value, pikepdf.Object) and value.is_indirect):
                    visit(value, f"{where}{key}")

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream | pikepdf.Array):
            visit(obj, f"{obj.objgen}")
    return problems


def archive_problems(data: bytes, tmp_path: Path) -> list[str]:
    """What keeps ``data`` from being PDF/A-2b, as far as can be read off the file."""
    problems: list[str] = []
    header = re.match(rb"%PDF-1\.[0-7](\r\n|\n|\r)%([\x80-\xff]{4})", data)
    if not header:  # 6.1.2
        problems.append(f"header {data[:16]!r}")
    if not re.search(rb"%%EOF(\r\n|\n|\r)?\Z", data):  # 6.1.3-3
        problems.append(f"after %%EOF: {data[-20:]!r}")
    path = tmp_path / "archive.pdf"
    path.write_bytes(data)
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    if qpdf.returncode != 0:
        problems.append(qpdf.stdout + qpdf.stderr)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    for line in fonts.stdout.splitlines()[2:]:
        if line.split()[-5] != "yes":  # 6.2.11.4.1: every font embedded
            problems.append(f"font not embedded: {line}")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        trailer = pdf.trailer
        if "/Encrypt" in trailer or pdf.is_encrypted:  # 6.1.3-2
            problems.append("encrypted")
        ids = trailer.get("/ID")
        if ids is None or len(ids) != 2 or not all(len(bytes(i)) for i in ids):  # 6.1.3-1
            problems.append("no file identifier")
        streams = sum(isinstance(obj, pikepdf.Stream) for obj in pdf.objects)
        problems += stream_layout_problems(data, streams)
        root = pdf.Root
        if str(root.get("/PageMode")) != "/UseOutlines":
            problems.append("the bookmarks panel is closed on opening")
        problems += output_intent_problems(root)
        problems += metadata_problems(pdf)
        problems += content_problems(pdf)
        problems += object_problems(pdf)
    return problems


def output_intent_problems(root: pikepdf.Dictionary) -> list[str]:
    """6.2.3: one PDF/A output intent whose profile is an RGB display or printer profile of
    ICC version 4 or lower, with N = 3 (so DeviceRGB may be used: 6.2.4.3)."""
    intents = root.get("/OutputIntents")
    if not intents or len(intents) != 1:
        return [f"output intents: {intents!r}"]
    intent = intents[0]
    if str(intent.S) != "/GTS_PDFA1" or "/OutputConditionIdentifier" not in intent:
        return [f"output intent {intent!r}"]
    profile = intent.DestOutputProfile
    icc = profile.read_bytes()
    problems = []
    if struct.unpack(">I", icc[:4])[0] != len(icc) or icc[36:40] != b"acsp":
        problems.append("the ICC profile is damaged")
    if icc[12:16] not in (b"mntr", b"prtr") or icc[16:20] != b"RGB " or icc[8] >= 5:
        problems.append(f"ICC profile {icc[12:20]!r} version {icc[8]}")
    if int(profile.N) != 3:
        problems.append(f"ICC N = {profile.N} for an RGB profile")
    return problems


def metadata_problems(pdf: pikepdf.Pdf) -> list[str]:
    """6.6: the XMP packet is well-formed, says PDF/A-2b, and says what the information
    dictionary says, to the second; the software's name and version are in both."""
    problems = []
    stream = pdf.Root.get("/Metadata")
    if stream is None or str(stream.get("/Type")) != "/Metadata" or str(stream.Subtype) != "/XML":
        return ["no metadata stream"]  # 6.6.2.1-1
    if "/Filter" in stream:
        problems.append("the metadata stream is compressed")
    found = xmp_properties(stream.read_bytes())
    if (found.get("pdfaid:part"), found.get("pdfaid:conformance")) != ("2", "B"):  # 6.6.4
        problems.append(f"pdfaid {found.get('pdfaid:part')} {found.get('pdfaid:conformance')}")
    info = {str(k): str(v) for k, v in pdf.docinfo.items()}
    pairs = {
        "/Title": "dc:title",
        "/Author": "dc:creator",
        "/Subject": "dc:description",
        "/Keywords": "pdf:Keywords",
        "/Creator": "xmp:CreatorTool",
        "/Producer": "pdf:Producer",
    }
    if extra := set(info) - set(pairs) - {"/CreationDate", "/ModDate"}:
        problems.append(f"information entries without an XMP twin: {extra}")
    for key, prop in pairs.items():
        value = found.get(prop)
        in_xmp = value if isinstance(value, list) else [] if value is None else [value]
        in_info = [info[key]] if key in info else []
        if in_info != in_xmp:
            problems.append(f"{key} {in_info!r} but {prop} {in_xmp!r}")
    for key, prop in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        stamp = datetime.fromisoformat(str(found.get(prop)))
        if key not in info or pdf_date(info[key]) != stamp:
            problems.append(f"{key} {info.get(key)} but {prop} {stamp}")
        elif pdf_date(info[key]).utcoffset() != stamp.utcoffset():
            problems.append(f"{key} and {prop} in different time zones")
    if f" {VERSION}" not in info.get("/Creator", "") or f" {VERSION}" not in info["/Producer"]:
        problems.append(f"no version in {info.get('/Creator')!r} / {info['/Producer']!r}")
    return problems


# -- The tests -------------------------------------------------------------------------------
