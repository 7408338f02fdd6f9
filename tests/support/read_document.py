"""Reads a Markdown or HTML document the way a consumer does and prints its structure: one line
per heading ("h2 Packages"), table row ("row a | b | c"), list item ("li text") and link
("a TEXT -> URL"), with inline markup gone. Markdown goes through Debian's python3-markdown (GFM
tables); HTML is read by html.parser and must also be one well-formed, self-contained page:
tags closed in order, no script, no outside resource ("error: ..." lines otherwise).
Used by the release notes and technical notes tests.
Usage: read_document.py markdown|html FILE"""
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "link", "input"}


class Structure(HTMLParser):
    BLOCKS = {"h1", "h2", "h3", "li", "tr"}

    def __init__(self, strict):
        super().__init__(convert_charrefs=True)
        self.strict, self.open, self.blocks, self.cells, self.text = strict, [], [], [], ""
        self.link = None

    def error(self, message):
        print("error: " + message)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in VOID:
            self.open.append(tag)
        if tag == "script" or (tag in ("link", "img", "iframe") and (attrs.get("href") or attrs.get("src"))):
            self.error(f"<{tag}> loads or runs something")
        if tag in self.BLOCKS:
            self.blocks.append(tag)
            self.text, self.cells = "", []
        elif tag in ("td", "th"):
            self.text = ""
        elif tag == "a":
            self.link = [attrs.get("href", ""), ""]

    def handle_endtag(self, tag):
        if self.strict and tag not in VOID:
            if not self.open or self.open[-1] != tag:
                self.error(f"</{tag}> closes <{self.open[-1] if self.open else 'nothing'}>")
            else:
                self.open.pop()
        if tag == "a" and self.link:
            print(f"a {self.link[1]} -> {self.link[0]}")
            self.link = None
        if tag in ("td", "th") and self.blocks and self.blocks[-1] == "tr":
            self.cells.append(" ".join(self.text.split()))
        elif self.blocks and tag == self.blocks[-1]:
            self.blocks.pop()
            print("row " + " | ".join(self.cells) if tag == "tr" else tag + " " + " ".join(self.text.split()))

    def handle_data(self, data):
        self.text += data
        if self.link:
            self.link[1] += data


kind, path = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8") as source:
    text = source.read()
if kind == "markdown":
    import markdown
    text = markdown.markdown(text, extensions=["tables"])
parser = Structure(strict=kind == "html")
parser.feed(text)
parser.close()
if kind == "html" and parser.open:
    parser.error("unclosed " + ", ".join(parser.open))
