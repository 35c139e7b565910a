"""Time the evaluation report: content, Word (.docx) and PDF (LibreOffice), on Hải Phòng.

Not a test: run it by hand (``make bench``) and read the figures.

    .venv/bin/python bench/bench_reports.py [--runs 5] [--pdf-runs 3]

The Hải Phòng XVI dataset is loaded into a fresh SQLite file; then, after one warm-up
call each, ``--runs`` timed calls of: building the report content (evaluation,
projections, sentences), rendering the .docx, and the whole ``chitieu report --format
docx``; and ``--pdf-runs`` calls of the LibreOffice conversion of that .docx and of the
whole ``chitieu report --format pdf``. The baseline is LibreOffice converting a .docx of
one paragraph: its start-up, which no change in chitieu can remove. The bar (issue 8):
Word + PDF under 5 s.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Stats, machine, measure

XVI = "haiphong-xvi-2020-2025"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf-runs", type=int, default=3)
    args = parser.parse_args()
    from docx import Document

    from chitieu.reports import docx, pdf
    from chitieu.services import load_dataset, reports
    from chitieu.store import Store

    has_soffice = shutil.which("soffice") is not None
    print(f"# bench_reports: {machine()}")
    print(f"# {XVI}; {args.runs} runs (docx), {args.pdf_runs} runs (pdf), after one warm-up\n")
    with tempfile.TemporaryDirectory(prefix="chitieu-bench-reports-") as tmp:
        work = Path(tmp)
        with Store.open(f"sqlite:///{work / 'r.sqlite3'}") as store:
            store.init()
            load_dataset(store, XVI)
            content = reports.build_content(store, XVI)
            source = docx.write(content, work / "report.docx")
            tiny = work / "tiny.docx"
            doc = Document()
            doc.add_paragraph("Báo cáo (report)")
            doc.save(str(tiny))
            rows: list[tuple[str, Stats]] = [
                (
                    "content (evaluate + text)",
                    measure(lambda: reports.build_content(store, XVI), args.runs),
                ),
                ("docx render", measure(lambda: docx.write(content, work / "d.docx"), args.runs)),
                (
                    "report --format docx",
                    measure(
                        lambda: reports.write_report(store, XVI, "docx", work / "w.docx"), args.runs
                    ),
                ),
            ]
            if has_soffice:
                rows += [
                    (
                        "soffice, 1 paragraph (baseline)",
                        measure(lambda: pdf.convert(tiny, work / "t.pdf"), args.pdf_runs),
                    ),
                    (
                        "soffice, the report",
                        measure(lambda: pdf.convert(source, work / "c.pdf"), args.pdf_runs),
                    ),
                    (
                        "report --format pdf",
                        measure(
                            lambda: reports.write_report(store, XVI, "pdf", work / "w.pdf"),
                            args.pdf_runs,
                        ),
                    ),
                ]
            else:
                print("soffice not found: PDF not measured")
    baseline = dict(rows).get("soffice, 1 paragraph (baseline)")
    for name, stats in rows:
        ratio = f"  {stats.ratio(baseline):5.2f}× baseline" if baseline else ""
        print(f"  {name:<32} {stats.ms()} ms{ratio}")


if __name__ == "__main__":
    main()
