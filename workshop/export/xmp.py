"""The report's XMP metadata packet: what archives read, saying the same as the document
information dictionary, and that the file is PDF/A-2b."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from .archive import Metadata


def xmp_packet(meta: Metadata) -> str:
    """The packet for ``meta``; a property whose value is empty is left out, as it is left
    out of the information dictionary."""
    stamp = meta.created.isoformat()
    lines = [
        "<dc:format>application/pdf</dc:format>",
        _alt("dc:title", meta.title),
        _seq("dc:creator", meta.author),
        _alt("dc:description", meta.subject),
        f"<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag></dc:language>",
        f"<xmp:CreateDate>{stamp}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{stamp}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{stamp}</xmp:MetadataDate>",
        f"<xmp:CreatorTool>{escape(meta.creator)}</xmp:CreatorTool>",
        f"<pdf:Keywords>{escape(meta.keywords)}</pdf:Keywords>" if meta.keywords else "",
        f"<pdf:Producer>{escape(meta.producer)}</pdf:Producer>",
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
    ]
    body = "\n   ".join(line for line in lines if line)
    # No "bytes" or "encoding" attribute in the packet header: PDF/A forbids both.
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   {body}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _alt(name: str, value: str) -> str:
    if not value:
        return ""
    item = f'<rdf:li xml:lang="x-default">{escape(value)}</rdf:li>'
    return f"<{name}><rdf:Alt>{item}</rdf:Alt></{name}>"


def _seq(name: str, value: str) -> str:
    if not value:
        return ""
    return f"<{name}><rdf:Seq><rdf:li>{escape(value)}</rdf:li></rdf:Seq></{name}>"
