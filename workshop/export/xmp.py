"""The report's XMP metadata packet: what archives read (title, author, subject, language)."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape


def xmp_packet(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    language: str,
    created: datetime,
    producer: str,
) -> str:
    def text(value: str) -> str:
        return escape(value or "")

    stamp = created.replace(microsecond=0).isoformat()
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{text(subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:CreatorTool>{text(producer)}</xmp:CreatorTool>
   <pdf:Keywords>{text(keywords)}</pdf:Keywords>
   <pdf:Producer>{text(producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
