"""The daily briefing: one static HTML page per day, charts inline, readable offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import jinja2
from markupsafe import Markup

from etl.analyst.briefing_data import NETWORK_DAYS, TREND_DAYS, Briefing, load_briefing
from etl.analyst.charts import NEUTRAL, QUAD_COLOURS, Bar, Edge, bar_chart, line_chart, network_chart
from etl.warehouse import lake

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("etl.analyst", "templates"),
    autoescape=True,  # titles and sentences come from the news: never trust them as HTML
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
GENERATOR_VERSION = "1"


def briefing_path(reports_dir: Path, day: dt.date) -> Path:
    return reports_dir / f"briefing-{day.isoformat()}.html"


def _trends_svg(b: Briefing) -> str:
    days = sorted(set(b.trends["day"].to_list())) or [b.day]
    series = {
        dyad: frame.sort("day")["stories"].to_list()
        for (dyad,), frame in b.trends.group_by("dyad", maintain_order=True)
    }
    return line_chart([d.strftime("%d %b") for d in days], series,
                      f"Busiest country pairs, stories per day (last {TREND_DAYS} days)")


# Network edge colours, named in the chart's title by the words used here.
CONFLICT_EDGE = ("orange", QUAD_COLOURS["verbal conflict"])
COOPERATION_EDGE = ("blue", QUAD_COLOURS["material cooperation"])


def _network_svg(b: Briefing) -> str:
    edges = [
        Edge(r["source_actor"], r["target_actor"], r["stories"],
             CONFLICT_EDGE[1] if r["conflictual"] > r["cooperative"]
             else COOPERATION_EDGE[1] if r["cooperative"] else NEUTRAL,
             domestic=r["domestic"])
        for r in b.network.iter_rows(named=True)
    ]
    return network_chart(edges, f"Who acted on whom (last {NETWORK_DAYS} days)",
                         legend=f"{CONFLICT_EDGE[0]} = mostly conflict, {COOPERATION_EDGE[0]} = mostly cooperation, "
                                "dashed = domestic")


def _event_mix_svg(b: Briefing) -> str:
    bars = [Bar(r["relation_type"], r["stories"], QUAD_COLOURS.get(r["quad_class"], NEUTRAL))
            for r in b.event_mix.iter_rows(named=True)]
    return bar_chart(bars, "Event types, stories reporting each")


def render_briefing(b: Briefing, snapshot: int, generated_at: dt.datetime) -> str:
    events = b.story_events.to_dicts()
    stories = [{**s, "events": [e for e in events if e["story_id"] == s["story_id"]]}
               for s in b.top_stories.to_dicts()]
    return _TEMPLATES.get_template("briefing.html.j2").render(
        b=b,
        stories=stories,
        alerts=b.source_alerts.to_dicts(),
        quad_colours=QUAD_COLOURS,
        trends_svg=Markup(_trends_svg(b)),
        network_svg=Markup(_network_svg(b)),
        event_mix_svg=Markup(_event_mix_svg(b)),
        snapshot=snapshot,
        generated_at=generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        generator_version=GENERATOR_VERSION,
    )


def write_briefing(con: duckdb.DuckDBPyConnection, day: dt.date, reports_dir: Path) -> tuple[Path, Briefing]:
    """Render the day's briefing from the views and write it (atomically) under ``reports_dir``."""
    briefing = load_briefing(con, day)
    html = render_briefing(briefing, lake.current_snapshot(con), dt.datetime.now(dt.timezone.utc))
    path = briefing_path(reports_dir, day)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".html.partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(path)
    return path, briefing
