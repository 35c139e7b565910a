"""Claims with figures in a report, recomputed from the figures the same sentence gives.

A report backs its statements with arithmetic: "gấp 2,23 lần so với năm 2015 (131.314 tỷ
đồng)", "chiếm 12% (4.031 tỷ đồng)", "bình quân giảm 0,73%/năm". For each such claim the
figures it relates are looked up in the same sentence, the stated value is recomputed
and a verdict is given at the precision the text states:

* every figure is taken as exact to half a unit of its last written digit, so the
  recomputed value is an interval (a ratio of two rounded figures is not exact either);
* ``consistent`` when that interval meets the window the stated value allows:
  ± half a unit of its last digit; "khoảng"/"xấp xỉ" widen it by 5 % of the value each
  way (the definition format's default tolerance for "about"); "gần" ("nearly") allows
  5 % below and half a unit above; "hơn"/"trên" ("more than") is a strict lower bound
  (the stated value itself, no rounding allowance) and "dưới"/"chưa đến" an upper one;
* ``inconsistent`` otherwise, with stated and recomputed values;
* ``unverifiable`` when the sentence lacks a figure the claim needs (the reason names it).

One module per job: the claim records (:mod:`.records`), the sentence a claim is read in
(:mod:`.sentence`), the verdict at the stated precision (:mod:`.verdicts`), one module per
family of claims (:mod:`.relative` for ratios, percentages of and changes;
:mod:`.shares` for shares and fractions; :mod:`.growth` for average growth), and
:func:`~.find.find_claims`, which finds them all.
"""
