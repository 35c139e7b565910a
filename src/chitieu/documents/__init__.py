"""Documents as text: the files people upload or point at (.txt, .docx), read into the
text that :mod:`chitieu.core.reading` reads targets and claims from. One module per kind
of file, chosen by :func:`read_document`."""

from chitieu.documents.read import read_document

__all__ = ["read_document"]
