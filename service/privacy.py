"""Personal data is not kept: masking of what residents type, and access logs without addresses or queries.

Residents type phone numbers, e-mail addresses and sometimes their My Number into a chat box. The
question is answered as typed, but what is stored (questions, comments) and logged is masked first.
"""

from __future__ import annotations

import logging
import re
import unicodedata

# An e-mail address, loosely: something@domain.tld (after NFKC, so full-width forms count too).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Japanese phone numbers: 0 then 9-10 digits in groups (03-1234-5678, 090 1234 5678, 0312345678),
# also with +81 instead of the leading 0.
_PHONE = re.compile(r"(?<![\d-])(?:\+81[-\s]?|0)\d{1,4}[-\s(（)）]?\d{1,4}[-\s)）]?\d{3,4}(?![\d-])")
# My Number (12 digits) and other long identifiers: 10 or more digits, optionally grouped by spaces or hyphens.
_DIGIT_RUN = re.compile(r"(?<![\d,.])\d(?:[\s-]?\d){9,}(?![\d,.])")

EMAIL_MASK = "[メール]"
PHONE_MASK = "[電話]"
NUMBER_MASK = "[番号]"


def mask_personal_data(text: str) -> str:
    """`text` with e-mail addresses, phone numbers and long digit runs (My Number) replaced by placeholders.

    Matching runs on the NFKC form so that full-width digits and ＠ are caught as well; text with nothing to
    mask is returned unchanged.
    """
    normal = unicodedata.normalize("NFKC", text)
    masked = _DIGIT_RUN.sub(NUMBER_MASK, _PHONE.sub(PHONE_MASK, _EMAIL.sub(EMAIL_MASK, normal)))
    return text if masked == normal else masked


class AccessLogFilter(logging.Filter):
    """Uvicorn's access log without the client address and without the query string (search text)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's arguments: (client, method, path with query, http version, status)."""
        args = record.args
        if isinstance(args, tuple) and len(args) == 5:
            _client, method, path, version, status = args
            record.args = ("-", method, str(path).split("?", 1)[0], version, status)
        return True


def install_log_filters() -> None:
    """Attach the access-log filter once per process (every app created in it shares the logger)."""
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, AccessLogFilter) for f in access.filters):
        access.addFilter(AccessLogFilter())
