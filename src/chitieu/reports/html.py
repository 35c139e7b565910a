"""The report as one self-contained HTML file: charts inline, no network, no scripts.

A file that opens offline can be mailed, archived and opened years later; so styles are
inline and charts are SVG data URIs (sharp at any zoom, and printable).
"""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, select_autoescape

from chitieu.reports import charts
from chitieu.reports.content import ReportContent

_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ c.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ c.doc_type }} – {{ c.subject }}</title>
<style>
body { font-family: "Times New Roman", Times, serif; font-size: 14pt; line-height: 1.4;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
header.party { display: flex; justify-content: space-between; text-align: center; }
header.party .issuer { font-weight: bold; text-transform: uppercase; width: 40%; }
header.party .nation { width: 55%; }
header.party .nation strong { display: inline-block; border-bottom: 1px solid #000; }
.date { font-style: italic; }
h1 { text-align: center; font-size: 16pt; margin: 1.5rem 0 0; }
p.subject { text-align: center; font-weight: bold; margin-top: 0.2rem; }
h2 { font-size: 14pt; margin-top: 1.5rem; }
h3 { font-size: 14pt; }
p.body { text-align: justify; text-indent: 1.27cm; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; }
th, td { border: 1px solid #555; padding: 0.2rem 0.3rem; vertical-align: top; }
th { background: #eee; }
figure { text-align: center; margin: 1rem 0; }
figure img { max-width: 100%; }
figcaption { font-style: italic; font-size: 12pt; }
.closing { display: flex; justify-content: space-between; margin-top: 2rem; }
.recipients { font-size: 11pt; }
.signature { text-align: center; font-weight: bold; width: 45%; }
.v-exceeded, .v-achieved, .v-on_track { color: #1b5e20; }
.v-not_achieved, .v-off_track { color: #b71c1c; }
.v-at_risk { color: #8d6e00; }
</style>
</head>
<body>
{% if c.lang != "en" %}
<header class="party">
  <div class="issuer">{{ c.issuer }}<br>*<br>
    <span style="font-weight:normal">Số &nbsp;&nbsp;&nbsp;&nbsp;-BC</span></div>
  <div class="nation"><strong>ĐẢNG CỘNG SẢN VIỆT NAM</strong>
    <p class="date">{{ c.date_line }}</p></div>
</header>
{% else %}
<p class="date" style="text-align:right">{{ c.date_line }}</p>
{% endif %}
<h1>{{ c.doc_type }}</h1>
<p class="subject">{{ c.subject }}</p>
<h2>I. {{ c.labels.summary }}</h2>
{% for line in c.summary %}<p class="body">{{ line }}</p>
{% endfor %}
<h2>II. {{ c.labels.table }}</h2>
<table>
<thead><tr>
{% for k in ("number", "target", "base", "latest", "verdict", "explanation") %}
<th>{{ c.labels[k] }}</th>{% endfor %}
</tr></thead>
<tbody>
{% for r in c.rows %}<tr><td>{{ r.number }}</td><td>{{ r.target }}</td><td>{{ r.base }}</td>
<td>{{ r.latest }}</td>
<td class="v-{{ r.verdict_code.value if r.verdict_code else 'none' }}">{{ r.verdict }}</td>
<td>{{ r.explanation }}</td></tr>
{% endfor %}
</tbody>
</table>
<h2>III. {{ c.labels.groups }}</h2>
{% for s in c.sections %}<h3>{{ loop.index }}. {{ s.title }}</h3>
{% for p in s.paragraphs %}<p class="body">{{ p }}</p>
{% endfor %}{% endfor %}
{% if charts %}<h2>IV. {{ c.labels.charts }}</h2>
{% for chart, uri in charts %}<figure><img src="{{ uri }}" alt="{{ chart.title }}">
<figcaption>{{ chart_word }} {{ loop.index }}: {{ chart.title }}</figcaption></figure>
{% endfor %}{% endif %}
{% if c.outlook %}<h2 id="outlook">{{ "V" if charts else "IV" }}. {{ c.labels.outlook }}</h2>
<ul>{% for item in c.outlook %}
<li><strong>{{ item.clause }}</strong>: {{ item.lines | join(" ") }}</li>{% endfor %}
</ul>{% endif %}
{% if c.in_year %}{% set n = (1 if charts else 0) + (1 if c.outlook else 0) %}
<h2 id="in-year">{{ ["IV", "V", "VI"][n] }}. {{ c.labels.in_year }}</h2>
<ul>{% for item in c.in_year %}
<li><strong>{{ item.clause }}</strong>: {{ item.lines | join(" ") }}</li>{% endfor %}
</ul>{% endif %}
{% if c.lang != "en" %}
<div class="closing">
  <div class="recipients"><strong><em>{{ c.labels.recipients }}</em></strong><br>
  {% for item in c.recipients %}- {{ item }}<br>{% endfor %}</div>
  <div class="signature">{% for line in c.signature %}{{ line }}<br>{% endfor %}</div>
</div>
{% endif %}
<h2>{{ c.labels.annex }}</h2>
<table>
<thead><tr>
{% for k in ("indicator", "area", "period", "value", "status", "source") %}
<th>{{ c.labels[k] }}</th>{% endfor %}
</tr></thead>
<tbody>
{% for s in c.sources %}<tr><td>{{ s.indicator }}</td><td>{{ s.area }}</td><td>{{ s.period }}</td>
<td>{{ s.value }}</td><td>{{ s.status }}</td><td>{{ s.source }}</td></tr>
{% endfor %}
</tbody>
</table>
</body>
</html>
"""

_ENV = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def render(content: ReportContent) -> str:
    inline = [
        (
            chart,
            "data:image/svg+xml;base64,"
            + base64.b64encode(charts.svg(chart, content.lang)).decode(),
        )
        for chart in content.charts
    ]
    return _ENV.from_string(_TEMPLATE).render(
        c=content, charts=inline, chart_word="Chart" if content.lang == "en" else "Biểu đồ"
    )


def write(content: ReportContent, path: Path) -> Path:
    path.write_text(render(content), encoding="utf-8")
    return path
