"""Re-write a zip (a DOCX) with fixed timestamps and attributes, so equal content gives equal bytes."""
from __future__ import annotations

import io
import zipfile

_FIXED_TIME = (2026, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():  # keep the order: [Content_Types].xml must stay first
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename), compress_type=zipfile.ZIP_DEFLATED,
                            compresslevel=6)
    return buffer.getvalue()
