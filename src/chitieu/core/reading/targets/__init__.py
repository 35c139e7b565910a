"""From a targets section to draft targets: items, clauses, bounds, units, years.

The rules follow how resolutions of every province write targets, not one document:

* an item starts at "(1)", "(1).", "1-", "1.", "1)" at the start of a line (or at a bullet
  when nothing is numbered); without any marker, each sentence or ";"-separated part is
  an item; "2.1- Về kinh tế", "Về xã hội:" open a group;
* an item splits into clauses at ";", at sentence ends and at "," or ":" outside
  parentheses; a piece without a target figure joins the next piece (a lead such as
  "Cơ cấu GRDP năm 2025:"), or the previous one when nothing follows;
* figures in parentheses, years, periods and ages ("(từ 3 đến 18 tuổi)") are qualifiers,
  never targets;
* the bound comes from the words around the figure ("tối thiểu", "trên", "dưới",
  "không quá", "khoảng", "trở lên", "X - Y", "X ÷ Y", "từ X đến Y"); "không còn …" is 0.

Everything returned is a draft for a person to review; the notes say what was guessed.

One module per stage: the items and groups of a section (:mod:`.items`), the clauses of
an item (:mod:`.clause_spans`), a clause's bound (:mod:`.bounds`), kind (:mod:`.kinds`)
and indicator (:mod:`.indicators`), the drafts they make (:mod:`.drafts`), and
:func:`~.extract.extract_targets`, which runs them.
"""
