"""Why a number a person typed was not read, in one sentence, with the likely slip.

:func:`chitieu.core.numbers.parse_number` refuses "3.2" in Vietnamese on purpose ("." groups
thousands there), so the person who meant three point two must be told what to type
instead: "Bạn nhập 3.2 – nếu là ba phẩy hai, hãy gõ 3,2". The hint reads the number back
in words, so the slip is obvious without knowing the rule.
"""

from __future__ import annotations

import re
from typing import Final

from chitieu.core.model import Text
from chitieu.core.numbers import SCALE_WORDS

__all__ = ["explain_number", "number_words"]

_VI_DIGITS: Final = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_EN_DIGITS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_EN_TEENS: Final = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS: Final = (
    "",
    "",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
)
#: The largest whole part read in words; above it the hint shows digits only.
MAX_WORDS: Final = 999


def _vi_under_hundred(n: int) -> str:
    if n < 10:
        return _VI_DIGITS[n]
    tens, unit = divmod(n, 10)
    head = "mười" if tens == 1 else f"{_VI_DIGITS[tens]} mươi"
    if unit == 0:
        return head
    if unit == 5:
        tail = "lăm"
    elif unit == 1 and tens > 1:
        tail = "mốt"
    else:
        tail = _VI_DIGITS[unit]
    return f"{head} {tail}"


def _vi_whole(n: int) -> str:
    if n < 100:
        return _vi_under_hundred(n)
    hundreds, rest = divmod(n, 100)
    head = f"{_VI_DIGITS[hundreds]} trăm"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head} linh {_VI_DIGITS[rest]}"
    return f"{head} {_vi_under_hundred(rest)}"


def _en_whole(n: int) -> str:
    if n < 10:
        return _EN_DIGITS[n]
    if n < 20:
        return _EN_TEENS[n - 10]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _EN_TENS[tens] + (f"-{_EN_DIGITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_EN_DIGITS[hundreds]} hundred"
    return f"{head} {_en_whole(rest)}" if rest else head


def number_words(whole: int, decimals: str, lang: str) -> str | None:
    """A number read aloud: ``(3, "2")`` → "ba phẩy hai" / "three point two"; decimals
    are read digit by digit. ``None`` when the whole part is above :data:`MAX_WORDS`."""
    if not 0 <= whole <= MAX_WORDS or (decimals and not decimals.isdigit()):
        return None
    if lang == "en":
        text = _en_whole(whole)
        if decimals:
            text += " point " + " ".join(_EN_DIGITS[int(d)] for d in decimals)
        return text
    text = _vi_whole(whole)
    if decimals:
        text += " phẩy " + " ".join(_VI_DIGITS[int(d)] for d in decimals)
    return text


_ONE_DOT: Final = re.compile(r"[-−+]?([0-9]+)\.([0-9]+)")
_ONE_COMMA: Final = re.compile(r"[-−+]?([0-9]+),([0-9]+)")
_EN_GROUPED: Final = re.compile(r"[-−+]?[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_VI_GROUPED: Final = re.compile(r"[-−+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_SPACED: Final = re.compile(r"[-−+]?[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:[.,][0-9]+)?")


def explain_number(text: str, lang: str) -> Text:
    """Why ``text`` is not a number in the convention of ``lang`` (vi: "1.234,5"; en:
    "1,234.5"), in one sentence per language, naming the likely slip when there is one.

    The sentences say the same thing in Vietnamese and English; the *convention* judged
    is ``lang``'s, since that is the convention the person was asked to type in.
    """
    shown = text.strip()
    example = "1.234,5" if lang != "en" else "1,234.5"
    mark_vi, mark_en = ("phẩy", "comma") if lang != "en" else ("chấm", "point")
    if not shown:
        return Text("Hãy nhập một số.", "Enter a number.")
    if shown.endswith("%"):
        return Text(
            f"«{shown}» không phải là số: chỉ ghi số, đơn vị % đã có ở ô Đơn vị.",
            f"{shown!r} is not a number: type the number only, the unit % is in the Unit field.",
        )
    words = [w for w in shown.split() if w.casefold() in SCALE_WORDS]
    if words:
        return Text(
            f"«{shown}» không phải là số: ghi «{words[0]}» vào ô Đơn vị, ô Giá trị chỉ ghi số.",
            f"{shown!r} is not a number: put {words[0]!r} in the Unit field and only the "
            f"number in Value.",
        )
    wrong_mark = _ONE_DOT if lang != "en" else _ONE_COMMA
    found = wrong_mark.fullmatch(shown)
    if found is not None:
        whole, decimals = found.group(1), found.group(2)
        fixed = shown.replace(".", ",") if lang != "en" else shown.replace(",", ".")
        said_vi = number_words(int(whole), decimals, "vi")
        said_en = number_words(int(whole), decimals, "en")
        if said_vi is not None and said_en is not None:
            return Text(
                f"Bạn nhập {shown} – nếu là {said_vi}, hãy gõ {fixed}.",
                f"You typed {shown} – if you mean {said_en}, type {fixed}.",
            )
        return Text(
            f"Bạn nhập {shown} – nếu dấu {'chấm' if lang != 'en' else 'phẩy'} là dấu thập "
            f"phân, hãy gõ {fixed}.",
            f"You typed {shown} – if the {'point' if lang != 'en' else 'comma'} is the "
            f"decimal mark, type {fixed}.",
        )
    other_grouped = _EN_GROUPED if lang != "en" else _VI_GROUPED
    if other_grouped.fullmatch(shown):
        swapped = shown.translate(str.maketrans(",.", ".,"))
        if lang != "en":
            return Text(
                f"«{shown}» viết theo kiểu tiếng Anh: hãy gõ {swapped} (dấu chấm phân cách "
                f"hàng nghìn, dấu phẩy trước phần thập phân).",
                f"{shown!r} is written the English way: type {swapped} (a point between "
                f"thousands, a comma before decimals).",
            )
        return Text(
            f"«{shown}» viết theo kiểu Việt Nam: hãy gõ {swapped} (dấu phẩy phân cách hàng "
            f"nghìn, dấu chấm trước phần thập phân).",
            f"{shown!r} is written the Vietnamese way: type {swapped} (a comma between "
            f"thousands, a point before decimals).",
        )
    if _SPACED.fullmatch(shown):
        joined = re.sub(r"[ \u00a0\u202f]", "." if lang != "en" else ",", shown)
        return Text(
            f"«{shown}» có khoảng trắng giữa các chữ số: hãy gõ {joined}.",
            f"{shown!r} has spaces between the digits: type {joined}.",
        )
    marks = shown.count("," if lang != "en" else ".")
    if marks > 1:
        return Text(
            f"«{shown}» không phải là số: chỉ có một dấu {mark_vi} trước phần thập phân "
            f"(ví dụ: {example}).",
            f"{shown!r} is not a number: only one decimal {mark_en} is allowed (example: "
            f"{example}).",
        )
    return Text(
        f"«{shown}» không phải là số (ví dụ: {example}).",
        f"{shown!r} is not a number (example: {example}).",
    )
