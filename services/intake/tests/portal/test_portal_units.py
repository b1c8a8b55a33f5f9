"""Access codes and upload checks as plain units (W1)."""

import hashlib
import re

import pytest

from adr_intake.portal import codes
from adr_intake.portal.uploads import UploadRefused, check_upload

pytestmark = [pytest.mark.clause("W1")]

PDF = b"%PDF-1.7\n..."
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


def test_codes_are_random_readable_and_checked_whatever_their_typing() -> None:
    code = codes.new_code()
    assert re.fullmatch(r"[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){2}", code)
    assert len({codes.new_code() for _ in range(200)}) == 200
    stored = codes.hash_code(code)
    assert stored.startswith("$argon2id$") and codes.normalise(code) not in stored
    assert codes.check_code(stored, code.lower().replace("-", " "))
    assert not codes.check_code(stored, codes.new_code())
    assert not codes.check_code(None, code)  # an unknown number
    assert not codes.check_code(stored, "")


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [("决定书.PDF", PDF, "application/pdf"), ("照片.jpeg", JPG, "image/jpeg"), ("截图.png", PNG, "image/png")],
)
def test_pdf_jpeg_and_png_are_taken_with_their_checksum(name: str, content: bytes, content_type: str) -> None:
    upload = check_upload("evidence", "evidence", f"C:\\Users\\张三\\{name}", content, max_bytes=1024)
    assert (upload.filename, upload.content_type, upload.size) == (name, content_type, len(content))
    assert upload.sha256 == hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.pdf", b"", "为空"),
        ("a.pdf", PDF + b"0" * 2000, "超过大小上限（每个文件不超过 1 KB）"),
        ("a.pdf", PNG, "类型不支持"),  # a PNG named .pdf
        ("a.png", PDF, "类型不支持"),
        ("a.docx", b"PK\x03\x04", "仅接受 PDF、JPG、PNG 格式"),
        ("a.svg", b"<svg/>", "类型不支持"),
    ],
)
def test_other_files_are_refused_naming_the_field(name: str, content: bytes, message: str) -> None:
    with pytest.raises(UploadRefused) as refused:
        check_upload("decision_document", "decision", name, content, max_bytes=1024)
    assert refused.value.field == "decision_document" and message in refused.value.message
