"""Tasks ("nhiệm vụ, giải pháp") and breakthroughs ("đột phá") of a resolution, as data.

The Party's own test of a well-made resolution is "5 rõ": rõ mục tiêu (objective), rõ lộ
trình (roadmap), rõ trách nhiệm (responsibility), rõ nguồn lực (resources), rõ chế độ
kiểm tra, đánh giá (review). Political reports state most tasks in prose and leave several
of the five unsaid; chitieu records what the text says and reports the rest as *chưa rõ*
rather than guessing, so that the gap itself becomes visible and can be closed by the
agencies (an action programme, a budget decision) with its own citation.

Everything here is pure and immutable: the web pages, the API and the CLI ask these
modules the same questions. :mod:`.model` holds the tasks as the text states them,
:mod:`.progress` what has been reported since (what is overdue), :mod:`.five_clear` which
of the five "rõ" a task states, and :mod:`.status` one sentence of status.
"""
