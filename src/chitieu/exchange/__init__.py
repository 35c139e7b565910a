"""Files in and out: one module (or package) per format, reading and writing side by side.

* :mod:`.figures_csv` – figures as a long CSV, read and written (the dataset format);
* :mod:`.figures_json` – the same figures as JSON objects, read and written;
* :mod:`.sdmx_csv` – figures as SDMX-CSV 2.0 for statistical offices, written and checked;
* :mod:`.template_xlsx` – the data-entry workbook an agency fills in, written and read back;
* :mod:`.evaluation_json`, :mod:`.evaluation_csv`, :mod:`.evaluation_xlsx` – an
  evaluation, written for other programs and for spreadsheets;
* :mod:`.reading_json` – what the reader found in a text (targets, claims), written;
* :mod:`.office_vetting` – every uploaded Office file (.xlsx, .docx) is vetted here
  before any parser opens it.

Nothing is imported here: openpyxl, python-calamine and sdmx1 take a while to import, and
only the commands that use a format should pay for it.
"""
