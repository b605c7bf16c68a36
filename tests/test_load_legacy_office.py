"""Real old-format files through a real LibreOffice (``.ci/run`` installs Debian's
libreoffice-writer-nogui); skipped where LibreOffice is not installed.

The .doc is made here, by LibreOffice itself, from a shipped sample .docx; reading it back must give
the sample's text exactly, and a .wps (WPS Office's old format, an OLE Word file) the same."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from analyzer.load import load_document
from analyzer.load.legacy import find_office
from analyzer.load.sniff import sniff
from tests.conftest import SAMPLES
from tests.test_load_builders import sha256

OFFICE = find_office()
pytestmark = pytest.mark.skipif(OFFICE is None, reason="LibreOffice 未安装（soffice 不在 PATH 中）")
SAMPLE = SAMPLES / "drafts" / "刘建平.docx"


@pytest.fixture(scope="module")
def old_doc(tmp_path_factory):
    work = tmp_path_factory.mktemp("office")
    src = work / "刘建平.docx"
    shutil.copyfile(SAMPLE, src)
    subprocess.run([OFFICE, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(work / "doc"), str(src)],
                   check=True, capture_output=True, timeout=180, env={"HOME": str(work), "PATH": "/usr/bin:/bin"})
    doc = work / "doc" / "刘建平.doc"
    assert sniff(doc.read_bytes()[:4096]) == "ole"   # a real Word 97-2003 file, not a renamed .docx
    return doc


@pytest.mark.parametrize("ext", [".doc", ".wps"])
def test_old_word_and_wps_files_read_like_the_docx(old_doc, tmp_path, ext):
    path = tmp_path / f"刘建平{ext}"
    shutil.copyfile(old_doc, path)
    before = sha256(path)
    doc = load_document(path)
    original = load_document(SAMPLE)
    assert doc.format == ext[1:] and doc.metadata["converted_by"] == "libreoffice"
    assert doc.text == original.text and doc.paragraphs == original.paragraphs
    assert "存在" in doc.text and len(doc.paragraphs) > 10
    assert sha256(path) == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]
