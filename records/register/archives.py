"""Zip containers (DOCX, XLSX, ODT, ODS): how far they unpack, read from their directory without unpacking.

zipfile never hands out more bytes of a member than its declared size (a member that holds more fails its CRC
check), so the declared sizes bound whatever reads the archive through zipfile, python-docx included.
"""

import zipfile

MAX_UNPACKED_MB = 100
MAX_UNPACKED_BYTES = MAX_UNPACKED_MB * 1024 * 1024


def unpacked_size(fileobj) -> int | None:
    """The sum of the members' declared sizes; None when the file is no readable zip."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            return sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        fileobj.seek(0)


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` bytes of a member, however large it says it is."""
    with archive.open(name) as member:
        return member.read(limit)
