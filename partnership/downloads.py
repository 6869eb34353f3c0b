"""Serve what people uploaded so that a browser saves it and never runs it as a page of this site.

A file uploaded as a document can still be a web page too (a "polyglot": a PDF
whose first bytes are HTML). Three headers keep it from running, each enough
alone if a browser ignored another:

- `Content-Disposition: attachment`: the browser saves the file, never shows it;
- `X-Content-Type-Options: nosniff`: the browser believes the Content-Type we
  send (the kind found in the file's content at upload), never its own guess;
- a Content-Security-Policy of its own: were the file shown, it would be in a
  sandbox (no script, no form, no plugin, no origin of ours) that may load
  nothing. django-csp's middleware leaves a policy the view has set alone.
"""

import os
import re
import unicodedata
from urllib.parse import quote

from django.http import FileResponse, HttpResponseBase

DOWNLOAD_CSP = "sandbox; default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

# What a quoted `filename` keeps as it is; anything else becomes "_". No quote or
# backslash (quoting), no "%" (some browsers decode it), no ";" (parameters).
_UNSAFE_IN_FALLBACK = re.compile(r"[^A-Za-z0-9 !#$&'()+,.=@\[\]^_`{}~-]")


def _ascii_fallback(filename: str) -> str:
    stem, extension = os.path.splitext(filename)

    def ascii_only(text):
        # "Café" -> "Cafe": the accents go, the letters stay; what has no ASCII letter becomes "_".
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
        return _UNSAFE_IN_FALLBACK.sub("_", text)

    return (ascii_only(stem).strip(" ._") or "download") + ascii_only(extension)


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """The Content-Disposition header (RFC 6266): a plain ASCII `filename`, and `filename*` for the exact name.

    `filename*` (RFC 8187, UTF-8) is added only when the plain name had to change,
    so that a browser that reads it saves the file under the name it was uploaded with.
    """
    disposition = "inline" if inline else "attachment"
    fallback = _ascii_fallback(filename)
    header = f'{disposition}; filename="{fallback}"'
    if filename and fallback != filename:
        header += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return header


def protect(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    """Make `response` a download that cannot run: attachment, nosniff, and the sandboxing policy."""
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def uploaded_file_response(handle, *, filename: str, content_type: str) -> FileResponse:
    """Stream an uploaded file as a download of `content_type` (never guessed from a name), saved as `filename`."""
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    return protect(response, filename)
