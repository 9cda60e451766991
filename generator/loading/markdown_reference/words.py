"""Names and prose split into words the same way so they can be compared, and prose headings cut
from the paragraphs the lost line breaks joined them to."""

from __future__ import annotations

import http
import re

# Words a schema name adds to what it describes ("AppMetadata" and "AppMetadataResponse"
# are both "app metadata"), ignored when matching a property against schema names.
_GENERIC_NAME_WORDS = frozenset({"response", "request", "payload", "body", "kind", "info"})


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words_of(text: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return [singular(word) for word in re.findall(r"[a-z0-9]+", spaced.lower())]


def name_core(name: str) -> frozenset[str]:
    words = set(words_of(name))
    return frozenset(words - _GENERIC_NAME_WORDS or words)


def _sentence_case(words: list[str], start: int) -> int:
    return next((i for i in range(start, len(words)) if not words[i][:1].islower()), len(words))


def split_heading(text: str) -> tuple[str, str]:
    """Cut a prose heading from the paragraph the lost line break joined it to.

    A Title Case heading ends where a sentence starts (a capitalised word followed by a
    lower-case one); a sentence-case heading ends at its next capitalised word.
    """
    words = text.split(" ")
    if len(words) > 1 and words[1][:1].islower():
        end = _sentence_case(words, 2)
    else:
        end = next((i for i in range(1, len(words)) if _starts_body(words, i)), len(words))
    return " ".join(words[:end]), " ".join(words[end:])


def _starts_body(words: list[str], i: int) -> bool:
    word = words[i]
    if not word[:1].isalpha() or word.endswith((":", ",")):
        return True
    following = words[i + 1] if i + 1 < len(words) else ""
    return word[:1].isupper() and following[:1].islower()


def split_status_heading(text: str) -> tuple[str, str] | None:
    status, _, rest = text.partition(" ")
    if not status.isdigit():
        return None
    try:
        phrase = http.HTTPStatus(int(status)).phrase
    except ValueError:
        return None
    if not rest.startswith(phrase):
        return None
    return f"{status} {phrase}", rest[len(phrase) :].strip()


def split_tag_heading(text: str, vocabulary: set[str]) -> tuple[str, str]:
    """A tag heading's words are the words of its operations' paths ("Azure", not
    "Azure Browse"), which tells it apart from the description that follows."""
    words = text.split(" ")
    end = 1
    while end < len(words) and words[end].isalnum() and singular(words[end].lower()) in vocabulary:
        end += 1
    return " ".join(words[:end]), " ".join(words[end:])
