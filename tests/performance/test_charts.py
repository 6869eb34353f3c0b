"""The chart: an accessible SVG image with a title, a description, markers and dashes as well as colours."""

import xml.etree.ElementTree as ET
from decimal import Decimal as D

from performance.charts import Point, chart_svg, number, summary

SVG = "{http://www.w3.org/2000/svg}"
POINTS = [
    Point("2009/10", D("70"), D("75"), "at_risk"),
    Point("2010/11", None, D("76")),
    Point("2011/12", D("60"), D("77"), "off_track"),
    Point("2012/13", D("80"), D("78"), "on_track"),
]


def parse(svg):
    return ET.fromstring(svg)  # noqa: S314 (our own SVG)


def test_the_svg_is_an_image_named_by_its_title_and_description():
    root = parse(chart_svg(POINTS, title="Adults in work", unit="%", id_prefix="c1"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title.get("id") == "c1-title" and title.text == "Adults in work"
    assert desc.get("id") == "c1-desc"
    assert desc.text == summary("Adults in work", "%", POINTS)
    assert "80 % for 2012/13" in desc.text and "on track against a target of 78" in desc.text


def test_one_marker_per_figure_and_a_cross_on_each_value_off_track():
    root = parse(chart_svg(POINTS, title="X", unit="%"))
    values = root.findall(f".//{SVG}circle[@class='app-chart__value']")
    targets = root.findall(f".//{SVG}rect[@class='app-chart__target']")
    assert len(values) == 3  # the period without a value has no marker
    assert len(targets) == 4
    # Targets are dashed; values are not: the lines differ by more than colour.
    dashed = [p for p in root.iter(f"{SVG}path") if p.get("stroke-dasharray")]
    assert dashed, "the target line is dashed"
    assert any("a cross: off track" in (t.text or "") for t in root.iter(f"{SVG}text"))
    # The gap in the values breaks the value line: two runs, the second of two points.
    solid = [p for p in root.iter(f"{SVG}path") if p.get("fill") == "none" and not p.get("stroke-dasharray")]
    assert len(solid) == 1  # only 2011/12 -> 2012/13 joins; 2009/10 stands alone
    crosses = [p for p in root.iter(f"{SVG}path") if p.get("fill") is None]
    assert len(crosses) == 1


def test_higher_values_are_drawn_higher():
    root = parse(chart_svg(POINTS, title="X", unit="%"))
    ys = [float(c.get("cy")) for c in root.findall(f".//{SVG}circle[@class='app-chart__value']")]
    # 70, 60, 80: SVG's y grows downwards.
    assert ys[1] > ys[0] > ys[2]


def test_titles_are_escaped():
    root = parse(chart_svg(POINTS, title="Crime <script> & “disorder”", unit="per 1,000"))
    assert root.find(f"{SVG}title").text == "Crime <script> & “disorder”"
    assert not root.findall(f".//{SVG}script")


def test_no_script_and_no_style():
    svg = chart_svg(POINTS, title="X", unit="%")
    assert "<script" not in svg and "style=" not in svg and "onclick" not in svg


def test_empty_and_flat_charts_still_draw():
    assert parse(chart_svg([], title="Nothing", unit="%")).find(f"{SVG}desc").text == (
        "Nothing has no targets or values to show yet."
    )
    flat = [Point("2009/10", D("0"), D("0"), "on_track")]
    assert parse(chart_svg(flat, title="Zero", unit="number")) is not None


def test_summaries():
    assert summary("X", "%", [Point("Q1", None, D("5"))]) == "X: targets for Q1; no values have been published yet."
    assert summary("X", "%", [Point("Q1", D("4"), None)]).endswith("has no target.")


def test_numbers_read_as_people_write_them():
    assert number(D("12.5000")) == "12.5"
    assert number(D("1200.0000")) == "1,200"
    assert number(D("0.0500")) == "0.05"
    assert number(None) == ""


def test_period_labels_are_thinned_to_fit_and_the_axis_fits_the_figures():
    quarters = [Point(f"Q{i % 4 + 1} 20{10 + i // 4}/{11 + i // 4}", D("2") + D(i) / 10, D("2")) for i in range(12)]
    root = parse(chart_svg(quarters, title="X", unit="per 1,000 people"))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("Q")]
    assert labels[0] == "Q1 2010/11" and 1 < len(labels) < 12
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    # 2 to 3.1: the axis starts at a round figure below 2, not at zero, and ends above 3.1.
    assert "0" not in ticks and float(ticks[0]) <= 2 and float(ticks[-1]) >= 3.1
    near_zero = parse(chart_svg([Point("2009/10", D("0.5"), D("1"))], title="X", unit="%"))
    assert [t.text for t in near_zero.iter(f"{SVG}text") if t.get("text-anchor") == "end"][0] == "0"
