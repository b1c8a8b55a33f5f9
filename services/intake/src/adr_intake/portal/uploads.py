"""Uploaded documents: PDF, JPEG or PNG only (by content, not by name), within the size limit."""

import hashlib
from dataclasses import dataclass

ALLOWED = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}
KIND_ZH = {"decision": "被诉行政行为文书", "evidence": "证据材料"}


class UploadRefused(ValueError):
    """A file the portal does not take; ``field`` names the form field, ``message`` says why in Chinese."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Upload:
    """A checked file."""

    kind: str
    filename: str
    content_type: str
    content: bytes
    sha256: str

    @property
    def size(self) -> int:
        """Its size in bytes."""
        return len(self.content)


def check_upload(field: str, kind: str, filename: str, content: bytes, *, max_bytes: int) -> Upload:
    """The file as an Upload, or UploadRefused naming the field."""
    name = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200] or "未命名"
    if not content:
        raise UploadRefused(field, f"文件“{name}”为空。")
    if len(content) > max_bytes:
        limit = f"{max_bytes / (1024 * 1024):.0f} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"
        raise UploadRefused(field, f"文件“{name}”超过大小上限（每个文件不超过 {limit}）。")
    lower = name.lower()
    for content_type, (magic, suffixes) in ALLOWED.items():
        if content.startswith(magic) and lower.endswith(suffixes):
            return Upload(kind, name, content_type, content, hashlib.sha256(content).hexdigest())
    raise UploadRefused(field, f"文件“{name}”类型不支持：仅接受 PDF、JPG、PNG 格式。")
