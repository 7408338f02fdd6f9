"""Reads Markdown the way a consumer does (Debian's python3-markdown, GFM tables) and prints its
structure: one line per heading ("h2 Packages"), per table row ("row a | b | c") and per list
item ("li text"), with inline markup gone. Used by the release notes and technical notes tests."""
import sys
from html.parser import HTMLParser

import markdown


class Structure(HTMLParser):
    BLOCKS = {"h1", "h2", "h3", "li", "tr"}

    def __init__(self):
        super().__init__()
        self.stack, self.cells, self.text = [], [], ""

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            self.stack.append(tag)
            self.text, self.cells = "", []
        elif tag in ("td", "th"):
            self.text = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.stack and self.stack[-1] == "tr":
            self.cells.append(self.text.strip())
        elif self.stack and tag == self.stack[-1]:
            self.stack.pop()
            if tag == "tr":
                print("row " + " | ".join(self.cells))
            else:
                print(tag + " " + " ".join(self.text.split()))

    def handle_data(self, data):
        self.text += data


with open(sys.argv[1], encoding="utf-8") as source:
    Structure().feed(markdown.markdown(source.read(), extensions=["tables"]))
