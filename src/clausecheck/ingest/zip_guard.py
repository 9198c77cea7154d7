"""Refuse zip archives that would exhaust memory when unpacked (zip bombs), before any parser opens them."""
from __future__ import annotations

import io
import zipfile

from clausecheck.errors import InputError

MAX_MEMBERS = 5000
MAX_TOTAL_UNCOMPRESSED = 400 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def check_zip(path: str, data: bytes, kind: str = ".docx") -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking its declared sizes; raise InputError if it is not a
    zip or unpacks to more than is plausible. Reads through zipfile stop at the declared sizes,
    so a member that lies about its size cannot unpack past them."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, f"not a {kind} package: it is password-protected or an old binary Word (.doc) file",
                         "remove the password, or open it in Word and save it as .docx", code="E120")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise InputError(path, f"not a valid {kind} file (it is not a zip archive)",
                         "open it in Word and save it again as .docx", code="E120") from None
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        archive.close()
        raise InputError(path, f"the {kind} holds {len(members)} parts, over the limit of {MAX_MEMBERS}",
                         "this does not look like a normal Word document", code="E121")
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_UNCOMPRESSED:
            problem = f"part '{member.filename}' unpacks to {member.file_size // 2**20} MB"
        elif total > MAX_TOTAL_UNCOMPRESSED:
            problem = f"the parts unpack to over {MAX_TOTAL_UNCOMPRESSED // 2**20} MB"
        elif member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            problem = f"part '{member.filename}' is compressed over {MAX_RATIO}:1"
        else:
            continue
        archive.close()
        raise InputError(path, f"{problem} (a zip bomb?)", "refused for safety; re-save the document in Word",
                         code="E121")
    return archive
