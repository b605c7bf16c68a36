"""Shared helpers for the holdout14 corpus build and check scripts."""
import re, zipfile
from xml.etree import ElementTree as ET

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006'
NS = {'w': W, 'mc': MC}

# item markers: 一是/一要, （一）, 1. 1、 １．, bullets, markdown heads
MARKER = re.compile(r'^(?:[一二三四五六七八九十]+[是要]|[（(][一二三四五六七八九十0-9０-９]+[）)]|[0-9０-９]+[.．、]|[●◆·•\-]\s*)')

def fullwidth(s):
    out = []
    for ch in s:
        o = ord(ch)
        if ('0' <= ch <= '9') or ('A' <= ch <= 'Z') or ('a' <= ch <= 'z') or ch in '.%':
            out.append(chr(o + 0xFEE0))
        else:
            out.append(ch)
    return ''.join(out)

def _ptext(p):
    """text of a w:p, excluding any text-box content inside it"""
    parts = []
    def walk(el):
        tag = el.tag
        if tag == f'{{{W}}}txbxContent' or tag == f'{{{MC}}}Fallback':
            return
        if tag == f'{{{W}}}t':
            parts.append(el.text or '')
        elif tag == f'{{{W}}}tab':
            parts.append('\t')
        for c in el:
            walk(c)
    walk(p)
    return ''.join(parts)

def _textboxes(p):
    """paragraph texts of text boxes anchored in p (DrawingML choice preferred; fallback only if no choice)"""
    lines = []
    boxes = []
    def walk(el, in_fallback):
        if el.tag == f'{{{MC}}}AlternateContent':
            ch = el.find('mc:Choice', NS)
            if ch is not None:
                walk(ch, False)
            else:
                fb = el.find('mc:Fallback', NS)
                if fb is not None:
                    walk(fb, False)
            return
        if el.tag == f'{{{W}}}txbxContent':
            boxes.append(el)
            return
        for c in el:
            walk(c, in_fallback)
    walk(p, False)
    for b in boxes:
        for q in b.iter(f'{{{W}}}p'):
            lines.append(_ptext(q))
    return lines

def docx_text(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    body = root.find('w:body', NS)
    lines = []
    for el in body:
        if el.tag == f'{{{W}}}p':
            lines.extend(_textboxes(el))
            t = _ptext(el)
            if t:
                lines.append(t)
        elif el.tag == f'{{{W}}}tbl':
            for tr in el.findall('w:tr', NS):
                for tc in tr.findall('w:tc', NS):
                    for q in tc.findall('w:p', NS):
                        lines.append(_ptext(q))
    return '\n'.join(lines)

def decode_txt(path):
    b = open(path, 'rb').read()
    if b.startswith(b'\xef\xbb\xbf'):
        s = b[3:].decode('utf-8')
    else:
        try:
            s = b.decode('utf-8')
        except UnicodeDecodeError:
            s = b.decode('gb18030')
    return s.replace('\r\n', '\n')

def read_input(path):
    if path.endswith('.docx'):
        return docx_text(path)
    return decode_txt(path)
