"""A stored file's searchable text: read from the stored file, saved on its row, and the case reindexed."""

import logging

from records.register import signals
from records.register.extraction import WITH_TEXT, extract_text
from records.register.models.documents import DocumentFile

logger = logging.getLogger(__name__)


def fill_extracted_text(file_id: int) -> int:
    """Extract the text of a stored file and save it; the length of the text (0 for a file that is gone)."""
    stored = DocumentFile.objects.filter(pk=file_id).only("id", "case_id", "file", "content_type").first()
    if stored is None or stored.content_type not in WITH_TEXT:
        return 0
    try:
        with stored.file.open("rb") as handle:
            text = extract_text(handle, stored.content_type)
    except OSError:
        logger.warning("Stored file %s could not be read for its text", file_id, exc_info=True)
        return 0
    # update(): no history row (the text is derived, and not in the file's history), no other column touched.
    if DocumentFile.objects.filter(pk=file_id).exclude(extracted_text=text).update(extracted_text=text):
        signals.send_case_changed(stored.case_id, signals.CHANGE_FILE)
    return len(text)
