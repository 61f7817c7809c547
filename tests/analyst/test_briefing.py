"""The daily briefing: charts and facts on the page, for the sample and for the real demo run."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import dagster as dg
from markupsafe import escape  # the escaping the Jinja2 page uses

from etl.analyst.briefing import write_briefing
from etl.definitions.metadata import ROWS_WRITTEN
from etl.warehouse import lake
from tests.conftest import settings_of, settings_resource

CHART_IDS = ("event-mix", "actor-network", "dyad-trends")


def _chart(html: str, chart_id: str) -> str:
    match = re.search(rf'<div class="chart" id="{chart_id}"><svg .*?</svg>', html, re.S)
    assert match, f"chart {chart_id} missing"
    return match.group(0)


def test_sample_briefing_shows_the_day(sample_warehouse, tmp_path):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        path, _ = write_briefing(con, dt.date(2024, 11, 15), tmp_path)
    finally:
        con.close()
    html = path.read_text()
    assert path.name == "briefing-2024-11-15.html"
    assert "Leaders agree on trilateral secretariat" in html and "carried by 3 outlets" in html
    assert escape("The leaders condemned North Korea for sending troops to Russia.") in html
    mix = _chart(html, "event-mix")
    assert ">ACCUSE<" in mix and ">AGREE<" in mix and ">MOBILIZE<" not in mix  # only the 15th's types
    network = _chart(html, "actor-network")
    # US, South Korea, Japan, China, North Korea, the police and protesters of the domestic
    # event, the UN and Russia (last 7 days); not Ukraine, miscoded as acting on itself.
    assert network.count("<circle") == 9 and ">Ukraine<" not in network
    assert "South Korea → North Korea: 2 stories" in network  # s1 on the 13th and s5
    domestic = re.search(r'<path [^>]*stroke-dasharray[^>]*><title>([^<]*)</title>', network)
    assert domestic and domestic.group(1) == "South Korean police → protesters (domestic): 1 stories"
    assert network.count("stroke-dasharray") == 1
    events = re.findall(r'<tr>\s*<td class="type".*?</tr>', html, re.S)
    assert events and all('<td class="confidence"' in e and "confidence 0.90" in e for e in events)
    trends = _chart(html, "dyad-trends")
    assert trends.count("<polyline") == 5 and "KOR → PRK" in trends
    # Dyads with the same counts every day (the trilateral story's pairs) stay visible side by side.
    lines = re.findall(r'<polyline points="([^"]*)"', trends)
    assert len(set(lines)) == len(lines)
    # The title names the colours drawn; REQUEST is verbal cooperation in PLOVER, so China's
    # request to North Korea is a cooperation edge.
    assert "orange = mostly conflict, blue = mostly cooperation" in network
    china = re.search(r'<path [^>]*stroke="(#\w+)"[^>]*><title>China → North Korea', network)
    assert china and china.group(1) == "#2166ac"
    assert "dead-feed" in html and "HTTP 404 Not Found" in html  # sources needing attention
    assert "<script" not in html and "http://" not in html.split("<body>")[0]  # offline page


def test_demo_briefing_asset_links_its_page(demo_copy):
    from etl.definitions.assets.report import REPORT_ASSETS
    from etl.definitions.resources import WarehouseResource

    settings = settings_resource(demo_copy)
    result = dg.materialize(REPORT_ASSETS, partition_key="2024-11-15",
                            resources={"settings": settings, "warehouse": WarehouseResource(settings=settings)})
    assert result.success
    metadata = {e.asset_key.to_user_string(): e.materialization.metadata
                for e in result.get_asset_materialization_events()}
    page = settings.get().reports_dir / "briefing-2024-11-15.html"
    assert metadata["daily_briefing"]["briefing"].value == str(page)
    assert metadata["daily_briefing"][ROWS_WRITTEN].value > 0
    assert metadata["search_index"]["dagster/row_count"].value > 0

    html = page.read_text()
    for chart_id in CHART_IDS:
        assert "<path" in _chart(html, chart_id) or "<rect" in _chart(html, chart_id)
    con = lake.connect(settings.get(), read_only=True)
    try:
        lead = con.execute("SELECT title, story_id FROM top_stories_daily WHERE day = '2024-11-15' AND rank = 1").fetchone()
        evidence = [r[0] for r in con.execute(
            "SELECT evidence FROM story_events WHERE story_id = ?", [lead[1]]).fetchall()]
        types = [r[0] for r in con.execute(
            "SELECT DISTINCT relation_type FROM fact_evidence WHERE partition_date = '2024-11-15' AND is_asserted"
        ).fetchall()]
    finally:
        con.close()
    assert escape(lead[0]) in html
    assert evidence and all(escape(sentence) in html for sentence in evidence)
    assert types and all(f">{t}<" in _chart(html, "event-mix") for t in types)


def _text_boxes(svg: str) -> tuple[float, float, list[tuple[str, float, float, float, float]]]:
    """The picture's size and each label's box, at a generous 0.6 em per character."""
    width, height = map(float, re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    boxes = []
    for attrs, text in re.findall(r"<text ([^>]*)>([^<]*)</text>", re.sub(r"<title>[^<]*</title>", "", svg)):
        x, y = (float(re.search(rf'\b{a}="([^"]+)"', attrs).group(1)) for a in ("x", "y"))
        anchor = (re.search(r'text-anchor="(\w+)"', attrs) or [None, "start"])[1]
        w = 0.6 * 12 * len(unescape(text))
        left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        boxes.append((unescape(text), left, y - 10, left + w, y + 2))
    return width, height, boxes


def test_network_labels_stay_apart_and_inside_with_many_long_names():
    from etl.analyst.briefing import CONFLICT_EDGE
    from etl.analyst.charts import Edge, network_chart

    names = [f"Provincial governor number {i:02d} of the region" for i in range(40)]
    for count in (2, 9, 24, 40):
        svg = network_chart([Edge(names[i], names[(i + 1) % count], 1 + i % 3, CONFLICT_EDGE[1]) for i in range(count)],
                            "Who acted on whom (last 7 days)", legend="orange = mostly conflict, blue = mostly "
                            "cooperation, dashed = domestic")
        width, height, boxes = _text_boxes(svg)
        assert len(boxes) == count + 2
        for i, (text, x0, y0, x1, y1) in enumerate(boxes):
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, (count, text)
            for other in boxes[i + 1:]:
                assert not (x0 < other[3] and other[1] < x1 and y0 < other[4] and other[2] < y1), (count, text, other[0])
        # Every full name stays readable as the label's tooltip.
        assert all(f"<title>{name}</title>" in svg for name in names[:count])


def test_no_label_of_the_briefing_charts_overlaps_another_or_leaves_its_chart(sample_warehouse, tmp_path):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        path, _ = write_briefing(con, dt.date(2024, 11, 15), tmp_path)
    finally:
        con.close()
    charts = re.findall(r"<svg.*?</svg>", path.read_text(), re.S)
    assert len(charts) == 3
    for svg in charts:
        width, height, boxes = _text_boxes(svg)
        for i, (text, x0, y0, x1, y1) in enumerate(boxes):
            assert x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height, text
            for other in boxes[i + 1:]:
                assert not (x0 < other[3] and other[1] < x1 and y0 < other[4] and other[2] < y1), (text, other[0])
